/** Checks service inputs against their Bean Validation constraints. */
package org.clientele.crm.impl.validation;
