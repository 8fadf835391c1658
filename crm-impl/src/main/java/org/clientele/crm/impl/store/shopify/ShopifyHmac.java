package org.clientele.crm.impl.store.shopify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's webhook signature: {@code X-Shopify-Hmac-Sha256} is the base64 HMAC-SHA256 of the raw body keyed
 * with the app's client secret. Compared in constant time against every configured secret of the shop (two
 * during a rotation).
 */
public final class ShopifyHmac {

  private ShopifyHmac() {}

  /** The header value Shopify would send for this body and secret. */
  public static String sign(byte[] body, String secret) {
    return Base64.getEncoder().encodeToString(mac(body, secret));
  }

  /** Whether the signature header matches the body under one of the secrets; false when absent or not base64. */
  public static boolean verify(byte[] body, String signatureHeader, List<String> secrets) {
    if (signatureHeader == null || signatureHeader.isBlank() || secrets == null || secrets.isEmpty()) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(signatureHeader.trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    boolean matched = false;
    for (String secret : secrets) {
      // every secret is checked, whichever matches: the time taken does not tell which one did
      matched |= secret != null && !secret.isEmpty() && MessageDigest.isEqual(mac(body, secret), given);
    }
    return matched;
  }

  private static byte[] mac(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
