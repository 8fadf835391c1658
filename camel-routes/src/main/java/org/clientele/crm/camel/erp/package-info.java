/** The host ERP's messages: customer master records, orders and consents in over JMS or as dropped files, mapped to the canonical model by configuration. */
package org.clientele.crm.camel.erp;
