package org.clientele.crm.camel.support;

import org.apache.camel.spi.PropertiesSource;
import org.eclipse.microprofile.config.Config;

/**
 * Resolves Camel's {@code {{key}}} placeholders from MicroProfile Config, so routes read the same keys
 * (server variables, environment, microprofile-config.properties) as the rest of the CRM.
 */
public final class MicroProfileConfigPropertiesSource implements PropertiesSource {

  private final Config config;

  public MicroProfileConfigPropertiesSource(Config config) {
    this.config = config;
  }

  @Override
  public String getName() {
    return "microprofile-config";
  }

  @Override
  public String getProperty(String name) {
    return config.getOptionalValue(name, String.class).orElse(null);
  }
}
