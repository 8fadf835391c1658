package org.clientele.crm.impl.store.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShopifyHmacTest {

  private static final byte[] BODY = "{\"id\":1,\"email\":\"a@example.com\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signatureOfTheRawBodyWithTheSecretIsValid() {
    String header = ShopifyHmac.sign(BODY, "secret-1");
    assertThat(ShopifyHmac.verify(BODY, header, List.of("secret-1"))).isTrue();
  }

  @Test
  void knownVectorMatchesHmacSha256Base64() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    String expected = Base64.getEncoder().encodeToString(hex(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    assertThat(ShopifyHmac.sign(data, "Jefe")).isEqualTo(expected);
  }

  @Test
  void anotherSecretOrAChangedBodyIsInvalid() {
    String header = ShopifyHmac.sign(BODY, "secret-1");
    assertThat(ShopifyHmac.verify(BODY, header, List.of("secret-2"))).isFalse();
    byte[] changed = "{\"id\":1,\"email\":\"b@example.com\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(ShopifyHmac.verify(changed, header, List.of("secret-1"))).isFalse();
  }

  @Test
  void missingOrGarbledSignatureIsInvalid() {
    assertThat(ShopifyHmac.verify(BODY, null, List.of("secret-1"))).isFalse();
    assertThat(ShopifyHmac.verify(BODY, " ", List.of("secret-1"))).isFalse();
    assertThat(ShopifyHmac.verify(BODY, "not base64 !!", List.of("secret-1"))).isFalse();
    assertThat(ShopifyHmac.verify(BODY, ShopifyHmac.sign(BODY, "secret-1"), List.of())).isFalse();
  }

  @Test
  void duringARotationBothSecretsAreAccepted() {
    List<String> secrets = List.of("new-secret", "old-secret");
    assertThat(ShopifyHmac.verify(BODY, ShopifyHmac.sign(BODY, "new-secret"), secrets)).isTrue();
    assertThat(ShopifyHmac.verify(BODY, ShopifyHmac.sign(BODY, "old-secret"), secrets)).isTrue();
    assertThat(ShopifyHmac.verify(BODY, ShopifyHmac.sign(BODY, "older-secret"), secrets)).isFalse();
  }

  @Test
  void secretsArePerShopAndOnlyForListedShops() {
    Map<String, String> config = Map.of(
        "crm.store.shopify.shops", "Shop-A.myshopify.com, shop-b.myshopify.com",
        "crm.store.shopify.secrets.shop_a_myshopify_com", "a-new, a-old",
        "crm.store.shopify.secrets.shop_b_myshopify_com", "b-only",
        "crm.store.shopify.secrets.shop_c_myshopify_com", "c-not-listed");
    ShopifyShops shops = new ShopifyShops(key -> Optional.ofNullable(config.get(key)));
    assertThat(shops.secrets("shop-a.myshopify.com")).containsExactly("a-new", "a-old");
    assertThat(shops.secrets("SHOP-B.myshopify.com")).containsExactly("b-only");
    assertThat(shops.secrets("shop-c.myshopify.com")).isEmpty();
    assertThat(shops.secrets(null)).isEmpty();
    // shop b's secret does not sign for shop a
    assertThat(ShopifyHmac.verify(BODY, ShopifyHmac.sign(BODY, "b-only"), shops.secrets("shop-a.myshopify.com")))
        .isFalse();
    assertThat(ShopifyShops.key("shop-a.myshopify.com")).isEqualTo("shop_a_myshopify_com");
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
