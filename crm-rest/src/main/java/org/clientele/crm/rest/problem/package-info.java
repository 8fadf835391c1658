/** Turns every failure into an RFC 9457 {@code application/problem+json} body with a stable type. */
package org.clientele.crm.rest.problem;
