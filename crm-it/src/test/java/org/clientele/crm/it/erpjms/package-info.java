/** TEST ONLY: a stand-in for the host ERP's sender, putting posted bodies on Clientele's ERP queue. */
package org.clientele.crm.it.erpjms;
