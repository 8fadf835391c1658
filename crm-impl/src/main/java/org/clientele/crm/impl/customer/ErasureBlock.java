package org.clientele.crm.impl.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Refuses re-creation of an erased person from stale inbound data, until {@code blockedUntil}. Stores a
 * one-way hash of the identifier, never the identifier itself (a suppression list).
 */
@Entity
@Table(name = "crm_erasure_block")
public class ErasureBlock {

  @EmbeddedId
  private Key key;

  @Column(name = "blocked_until", nullable = false)
  private Instant blockedUntil;

  protected ErasureBlock() {}

  ErasureBlock(Key key, Instant blockedUntil) {
    this.key = key;
    this.blockedUntil = blockedUntil;
  }

  Key key() {
    return key;
  }

  boolean blocks(Instant now) {
    return blockedUntil.isAfter(now);
  }

  void extendTo(Instant until) {
    if (until.isAfter(blockedUntil)) {
      blockedUntil = until;
    }
  }

  /** Kind (IDENTITY, EMAIL, PHONE) and the SHA-256 of the normalized identifier. */
  @Embeddable
  public static class Key {

    @Column(name = "kind", length = 10)
    private String kind;

    @Column(name = "key_hash", length = 64)
    private String hash;

    protected Key() {}

    Key(String kind, String normalizedValue) {
      this.kind = kind;
      this.hash = sha256(kind + ":" + normalizedValue);
    }

    private static String sha256(String text) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    String kind() {
      return kind;
    }

    String hash() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && kind.equals(other.kind) && hash.equals(other.hash);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, hash);
    }
  }
}
