package org.clientele.crm.impl.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clientele.crm.api.customer.Address;
import org.clientele.crm.api.customer.LifecycleStage;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

  record Item(String name, BigDecimal price, LifecycleStage stage, Address address, String missing) {}

  @Test
  void writesRecordsMapsListsAndScalarsLeavingNullsOut() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", 7L);
    body.put("at", Instant.parse("2026-11-23T10:00:00Z"));
    body.put("day", LocalDate.parse("2026-11-23"));
    body.put("none", null);
    body.put("ok", true);
    body.put("items", List.of(new Item("Mug \"blue\"", new BigDecimal("12.50"), LifecycleStage.ACTIVE,
        new Address("Main St 1", null, "10115", "Berlin", null, "DE"), null)));
    assertThat(MessageJson.write(body)).isEqualTo("{\"id\":7,\"at\":\"2026-11-23T10:00:00Z\",\"day\":\"2026-11-23\","
        + "\"ok\":true,\"items\":[{\"name\":\"Mug \\\"blue\\\"\",\"price\":12.50,\"stage\":\"ACTIVE\","
        + "\"address\":{\"line1\":\"Main St 1\",\"postalCode\":\"10115\",\"city\":\"Berlin\",\"country\":\"DE\"}}]}");
  }
}
