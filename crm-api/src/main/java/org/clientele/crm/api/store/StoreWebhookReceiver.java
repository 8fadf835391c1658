package org.clientele.crm.api.store;

import java.util.Map;

/**
 * Takes in one webhook delivery of a store: checks its signature on the raw body before anything else, then
 * parses it, stores it durably (deduplicated by the store's event id) and queues it for asynchronous processing.
 * The HTTP edge only limits the body size and turns the {@link WebhookReceipt} into a status.
 */
public interface StoreWebhookReceiver {

  /**
   * @param store the store kind, e.g. {@code shopify}
   * @param headers the request headers, names in any case (looked up case-insensitively)
   * @param body the raw request body, exactly as received
   */
  WebhookReceipt receive(String store, Map<String, String> headers, byte[] body);

  /** The largest body accepted for this store kind, in bytes (0 for an unknown store kind). */
  long maxBodyBytes(String store);

  /** Counts a delivery refused at the edge because its body is over {@link #maxBodyBytes}; nothing is stored. */
  WebhookReceipt tooLarge(String store, Map<String, String> headers);
}
