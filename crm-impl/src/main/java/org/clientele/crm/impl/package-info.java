/** Clientele's implementation of the crm-api services: CDI beans over JPA, never exposed as entities. */
package org.clientele.crm.impl;
