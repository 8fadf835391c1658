package org.clientele.crm.camel.email.mailchimp;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Mailchimp's configuration ({@code crm.email.mailchimp.*}). The API key is a credential: it is only ever put in
 * the Authorization header, never in a message or a log ({@link #toString()} leaves it out).
 *
 * @param mergeFields merge tag → neutral field name, optionally with a date format for date fields
 *     ({@code BIRTHDAY:birthDate:MM/dd})
 * @param tagsSyncing {@code is_syncing} of tag changes ({@code tags.is-syncing}, default true: tag-triggered
 *     automations do not fire)
 */
public record MailchimpSettings(String apiKey, String listId, URI baseUrl, int maxConnections, Duration timeout,
    Map<String, MergeField> mergeFields, boolean tagsSyncing) {

  public static final String PREFIX = "crm.email.mailchimp.";
  public static final String DEFAULT_MERGE_FIELDS = "FNAME:givenName,LNAME:familyName,PHONE:phone";

  /** One mapped merge field. */
  public record MergeField(String tag, String field, String dateFormat) {}

  public MailchimpSettings {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException(PREFIX + "api-key is required");
    }
    if (listId == null || listId.isBlank()) {
      throw new IllegalArgumentException(PREFIX + "list-id is required");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException(PREFIX + "max-connections must be at least 1");
    }
  }

  public MailchimpSettings(String apiKey, String listId, URI baseUrl, int maxConnections, Duration timeout,
      Map<String, MergeField> mergeFields) {
    this(apiKey, listId, baseUrl, maxConnections, timeout, mergeFields, true);
  }

  /** Reads the settings through a config lookup (key → value, if set). */
  public static MailchimpSettings from(Function<String, Optional<String>> config) {
    String apiKey = config.apply(PREFIX + "api-key").orElse(null);
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException(PREFIX + "api-key is required when " + PREFIX + "enabled=true");
    }
    URI base = config.apply(PREFIX + "base-url").filter(s -> !s.isBlank()).map(URI::create)
        .orElseGet(() -> baseUrlOf(apiKey));
    return new MailchimpSettings(apiKey, config.apply(PREFIX + "list-id").orElse(null), base,
        Integer.parseInt(config.apply(PREFIX + "max-connections").orElse("10")),
        Duration.parse(config.apply(PREFIX + "timeout").orElse("PT30S")),
        mergeFields(config.apply(PREFIX + "merge-fields").orElse(DEFAULT_MERGE_FIELDS)),
        Boolean.parseBoolean(config.apply(PREFIX + "tags.is-syncing").orElse("true").trim()));
  }

  /** {@code https://<dc>.api.mailchimp.com/3.0}, the datacenter being the key's suffix ({@code …-us21}). */
  public static URI baseUrlOf(String apiKey) {
    int dash = apiKey.lastIndexOf('-');
    String dc = dash < 0 ? "" : apiKey.substring(dash + 1);
    if (!dc.matches("[a-z]+[0-9]+")) {
      throw new IllegalArgumentException(PREFIX + "api-key has no datacenter suffix (like -us21); set "
          + PREFIX + "base-url");
    }
    return URI.create("https://" + dc + ".api.mailchimp.com/3.0");
  }

  /** {@code TAG:field[:dateFormat],...}. */
  public static Map<String, MergeField> mergeFields(String spec) {
    Map<String, MergeField> fields = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.trim().split(":", 3);
      if (parts.length < 2 || !parts[0].matches("[A-Z0-9_]{1,10}") || parts[1].isBlank()) {
        throw new IllegalArgumentException(PREFIX + "merge-fields: '" + entry.trim()
            + "' is not TAG:field (a merge tag of up to 10 of A-Z 0-9 _)");
      }
      if (parts.length == 3) {
        java.time.format.DateTimeFormatter.ofPattern(parts[2]); // fails early on a bad pattern
      }
      fields.put(parts[0], new MergeField(parts[0], parts[1].trim(), parts.length == 3 ? parts[2] : null));
    }
    return fields;
  }

  @Override
  public String toString() {
    return "MailchimpSettings[listId=" + listId + ", baseUrl=" + baseUrl + ", maxConnections=" + maxConnections
        + ", mergeFields=" + mergeFields.keySet() + "]";
  }
}
