/** The CRM's REST API under {@code /crm/api}: one sub-package per context, errors as problem+json. */
package org.clientele.crm.rest;
