package org.clientele.crm.impl.store.shopify;

/** A Shopify address (REST field names in Java case). */
public record ShopifyAddress(String firstName, String lastName, String address1, String address2, String zip,
    String city, String province, String provinceCode, String countryCode, String phone) {}
