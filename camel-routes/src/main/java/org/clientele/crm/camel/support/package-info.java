/** What every route shares: configuration placeholders, error handling, correlation ids, counters. */
package org.clientele.crm.camel.support;
