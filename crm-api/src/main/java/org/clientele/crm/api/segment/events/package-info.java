/**
 * CDI events of segment membership. Unlike the other contexts' events they are fired after the change has
 * committed, outside its transaction, once per entry or exit: a plain {@code @Observes} sees only committed
 * memberships. A membership change that commits but whose events are lost to a crash before delivery stays
 * in the membership history ({@code SegmentationService.segmentsOf} with history), from which a consumer
 * can catch up.
 */
package org.clientele.crm.api.segment.events;
