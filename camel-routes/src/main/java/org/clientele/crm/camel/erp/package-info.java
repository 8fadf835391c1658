/** The host ERP's messages: customer master records in over JMS or as dropped files, mapped to the canonical model by configuration. */
package org.clientele.crm.camel.erp;
