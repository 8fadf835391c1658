package org.clientele.crm.api.purchase;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * Orders from every source system, one purchase per source order in its newest version. Available by CDI
 * injection and as
 * {@code java:global/clientele/crm-ejb/PurchaseServiceBean!org.clientele.crm.api.purchase.PurchaseService}.
 *
 * <p>Recording and refunds commit on their own (they do not join a caller's transaction), so that a lost race
 * with a concurrent recording of the same order can be retried; both are idempotent.
 */
public interface PurchaseService {

  /**
   * Records one version of an order: creates the purchase, or replaces it if this version is newer than the
   * stored one. An older version is not applied ({@link PurchaseOutcome#STALE}), but its status enters the
   * status history at its time.
   *
   * @throws org.clientele.crm.api.InvalidInputException for a broken rule, naming the field (e.g. {@code
   *     currency}, {@code lines[1].unitPrice})
   * @throws org.clientele.crm.api.ResourceNotFoundException if the customer does not exist or was erased
   * @throws org.clientele.crm.api.ConflictException if the new total would be below the refunds recorded
   */
  PurchaseRecording record(@NotNull(message = "is required") @Valid NewPurchase purchase);

  /** Records up to 500 order versions in one transaction, in list order (all or none). */
  List<PurchaseRecording> recordAll(
      @NotNull(message = "is required") @Size(max = 500, message = "must have at most 500 purchases")
          List<@NotNull @Valid NewPurchase> purchases);

  /**
   * Records a refund once per refund id.
   *
   * @throws org.clientele.crm.api.ResourceNotFoundException if no purchase has this source order
   * @throws org.clientele.crm.api.ConflictException if the refunds would exceed the total, or the refund id
   *     was recorded before with another amount
   */
  RefundRecording refund(
      @NotBlank(message = "must not be blank") String sourceSystem,
      @NotBlank(message = "must not be blank") String orderId,
      @NotNull(message = "is required") @Valid NewRefund refund);

  Optional<Purchase> find(long purchaseId);

  Optional<Purchase> findBySource(
      @NotBlank(message = "must not be blank") String sourceSystem,
      @NotBlank(message = "must not be blank") String orderId);

  /**
   * A page of the customer's purchases, newest first (a merged customer's id lists the survivor's).
   *
   * @throws org.clientele.crm.api.ResourceNotFoundException if the customer does not exist or was erased
   */
  PurchasePage list(long customerId, @NotNull(message = "is required") @Valid PurchaseQuery query);
}
