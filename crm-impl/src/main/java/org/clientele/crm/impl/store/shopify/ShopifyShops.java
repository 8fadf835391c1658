package org.clientele.crm.impl.store.shopify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shops this CRM accepts webhooks from and their secrets, from MicroProfile Config:
 * {@code crm.store.shopify.shops} lists the shop domains; {@code crm.store.shopify.secrets.<key>} holds a
 * shop's secrets, newest first, comma-separated, where {@code <key>} is the domain in lower case with every
 * character other than a-z and 0-9 replaced by {@code _} ({@code shop-a.myshopify.com} →
 * {@code shop_a_myshopify_com}; as an environment variable {@code CRM_STORE_SHOPIFY_SECRETS_SHOP_A_MYSHOPIFY_COM}).
 */
public final class ShopifyShops {

  static final String SHOPS = "crm.store.shopify.shops";
  static final String SECRETS = "crm.store.shopify.secrets.";
  static final String TOKENS = "crm.store.shopify.access-tokens.";
  static final String BASE_URL = "crm.store.shopify.admin-base-url";

  private final Function<String, Optional<String>> config;

  /** @param config reads one configuration value by key */
  public ShopifyShops(Function<String, Optional<String>> config) {
    this.config = config;
  }

  /** The configuration key suffix of a shop domain. */
  public static String key(String shopDomain) {
    return shopDomain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
  }

  public List<String> shops() {
    return split(config.apply(SHOPS)).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  /** The secrets of a listed shop; empty for a shop not listed (its webhooks are refused). */
  public List<String> secrets(String shopDomain) {
    if (shopDomain == null || !shops().contains(shopDomain.toLowerCase(Locale.ROOT))) {
      return List.of();
    }
    return split(config.apply(SECRETS + key(shopDomain)));
  }

  /** The Admin API access token of a listed shop ({@code crm.store.shopify.access-tokens.<key>}), if any. */
  public Optional<String> accessToken(String shopDomain) {
    if (shopDomain == null || !shops().contains(shopDomain.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return config.apply(TOKENS + key(shopDomain)).map(String::trim).filter(t -> !t.isEmpty());
  }

  /**
   * Where the shop's Admin API is: {@code crm.store.shopify.admin-base-url.<key>}, else
   * {@code crm.store.shopify.admin-base-url} (one override for all shops: tests), else {@code https://<shop>}.
   */
  public String adminBaseUrl(String shopDomain) {
    return config.apply(BASE_URL + "." + key(shopDomain)).filter(v -> !v.isBlank())
        .or(() -> config.apply(BASE_URL).filter(v -> !v.isBlank()))
        .orElse("https://" + shopDomain.toLowerCase(Locale.ROOT));
  }

  private static List<String> split(Optional<String> value) {
    return value.map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }
}
