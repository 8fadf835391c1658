/** What every integration test shares: the deployments and an HTTP client speaking to the test server. */
package org.clientele.crm.it.support;
