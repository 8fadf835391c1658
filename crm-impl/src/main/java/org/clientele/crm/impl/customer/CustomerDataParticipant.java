package org.clientele.crm.impl.customer;

import java.util.List;

/**
 * A context that stores rows per customer (interactions, purchases, segment memberships, ...). Merges,
 * unmerges and erasures reach those rows through this interface, so that every context keeps up with
 * the customer's identity without the customer context knowing its tables.
 */
public interface CustomerDataParticipant {

  /** A stable name, used as the key of the participant's ids in merge before-images. */
  String name();

  /** The ids of the rows the customer owns. */
  List<Long> idsOwnedBy(long customerId);

  /** Merge: every row of the merged customers now belongs to the survivor. */
  void moveAll(List<Long> fromCustomers, long toCustomer);

  /** Unmerge: these rows belong to their original customer again. */
  void moveBack(List<Long> ids, long toCustomer);

  /** Export (GDPR Art. 15/20): the customer's rows as API records, oldest first. */
  List<?> export(long customerId);

  /** Erasure: remove or irreversibly anonymize the personal data in the customer's rows. */
  void anonymize(long customerId);
}
