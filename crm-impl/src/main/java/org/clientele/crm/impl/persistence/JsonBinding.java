package org.clientele.crm.impl.persistence;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * The shared JSON-B instance, created on first use. Not in a static initializer: on threads whose context class
 * loader cannot see the server's JSON-B provider (Camel timer and JMS listener threads on Liberty) creation
 * fails, and a failed class initialization would break its class for the life of the JVM; here the next call
 * from an application thread simply succeeds. Code that runs on such threads writes JSON with JSON-P instead.
 */
public final class JsonBinding {

  private static volatile Jsonb instance;

  private JsonBinding() {}

  public static Jsonb get() {
    Jsonb jsonb = instance;
    if (jsonb == null) {
      synchronized (JsonBinding.class) {
        jsonb = instance;
        if (jsonb == null) {
          jsonb = JsonbBuilder.create();
          instance = jsonb;
        }
      }
    }
    return jsonb;
  }
}
