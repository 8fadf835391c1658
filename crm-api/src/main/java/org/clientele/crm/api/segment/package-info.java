/**
 * Segments: rules over profiles, consents, behaviour and scores that select customers, as plain JSON-friendly
 * records (see docs/segmentation.md for the grammar and its JSON Schema).
 */
package org.clientele.crm.api.segment;
