/** The host ERP's messages: customer master records in over JMS, mapped to the canonical model by configuration. */
package org.clientele.crm.camel.erp;
