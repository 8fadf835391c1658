package org.clientele.crm.camel.email;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.clientele.crm.camel.outbox.PermanentDeliveryException;

/**
 * {@code member.tags}: tags of the customer's member to set active (true) or inactive (false), from segments
 * marked for sync. No email: the platform adapter addresses the member the CRM made.
 */
public record TagMessage(long customerId, Map<String, Boolean> tags) {

  public static final String MEMBER_TAGS = "member.tags";

  public TagMessage {
    tags = Map.copyOf(tags);
  }

  public static TagMessage parse(String body) throws PermanentDeliveryException {
    JsonObject m;
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      m = reader.readObject();
    } catch (RuntimeException e) {
      throw new PermanentDeliveryException("Not a JSON object: " + e.getClass().getSimpleName());
    }
    try {
      Map<String, Boolean> tags = new LinkedHashMap<>();
      for (JsonValue v : m.getJsonArray("tags")) {
        JsonObject t = v.asJsonObject();
        String status = t.getString("status");
        if (!status.equals("active") && !status.equals("inactive")) {
          throw new IllegalArgumentException("status");
        }
        tags.put(t.getString("name"), status.equals("active"));
      }
      if (tags.isEmpty()) {
        throw new IllegalArgumentException("tags");
      }
      return new TagMessage(m.getJsonNumber("customerId").longValue(), tags);
    } catch (RuntimeException e) {
      throw new PermanentDeliveryException("Malformed member.tags message: " + e.getClass().getSimpleName());
    }
  }
}
