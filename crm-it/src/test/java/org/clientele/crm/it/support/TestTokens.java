package org.clientele.crm.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Signs MicroProfile JWTs (RS256) with the test key pair, as an identity provider would. */
public final class TestTokens {

  public static final String ISSUER = "clientele-it-issuer";
  public static final String AUDIENCE = "clientele";

  private TestTokens() {}

  /** A token for {@code user} with the given roles in its groups claim, valid for {@code ttlSeconds}. */
  public static String token(String user, long ttlSeconds, String... groups) {
    return sign(user, Instant.now(), ttlSeconds, loadPrivateKey(), groups);
  }

  /** A token that expired an hour ago. */
  public static String expiredToken(String user, String... groups) {
    return sign(user, Instant.now().minusSeconds(7200), 3600, loadPrivateKey(), groups);
  }

  /** A well-formed token signed by a key the server does not trust. */
  public static String tokenSignedByAnotherKey(String user, String... groups) {
    try {
      var generator = java.security.KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return sign(user, Instant.now(), 300, generator.generateKeyPair().getPrivate(), groups);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(String user, Instant issuedAt, long ttlSeconds, PrivateKey key, String... groups) {
    JsonArrayBuilder groupArray = Json.createArrayBuilder();
    for (String group : groups) {
      groupArray.add(group);
    }
    String header = Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build().toString();
    String payload = Json.createObjectBuilder()
        .add("iss", ISSUER)
        .add("aud", AUDIENCE)
        .add("sub", user)
        .add("upn", user)
        .add("jti", UUID.randomUUID().toString())
        .add("iat", issuedAt.getEpochSecond())
        .add("exp", issuedAt.getEpochSecond() + ttlSeconds)
        .add("groups", groupArray)
        .build()
        .toString();
    String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
        + base64Url(payload.getBytes(StandardCharsets.UTF_8));
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + base64Url(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey loadPrivateKey() {
    try (InputStream in = TestTokens.class.getResourceAsStream("/jwt/test-private-key.pem")) {
      String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .replaceAll("-----[A-Z ]+-----", "")
          .replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read the test private key", e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
