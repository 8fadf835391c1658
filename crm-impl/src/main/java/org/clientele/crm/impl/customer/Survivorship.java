package org.clientele.crm.impl.customer;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Chooses each field's value when profiles merge. Rules, set for all fields with
 * {@code crm.customer.merge.survivorship} and per field with {@code crm.customer.merge.survivorship.<field>}:
 *
 * <ul>
 *   <li>{@code most-recent}: the value of the most recently updated profile that has one;
 *   <li>{@code survivor}: the survivor's value if it has one, else the first merged profile's that has one;
 *   <li>{@code source-priority}: the value of the profile with an identity from the highest-ranked system
 *       in {@code crm.customer.merge.source-priority} (e.g. {@code ERP,STORE}); ties by recency.
 * </ul>
 *
 * An empty value never wins over a present one.
 */
@ApplicationScoped
public class Survivorship {

  /** The fields a rule can be set for. */
  public static final List<String> FIELDS =
      List.of("name", "email", "phone", "birthDate", "language", "address", "lifecycleStage");

  enum Rule {
    MOST_RECENT,
    SURVIVOR,
    SOURCE_PRIORITY
  }

  @Inject Config config;

  private Rule defaultRule;
  private List<String> sourcePriority;

  @PostConstruct
  void init() {
    defaultRule = rule(config.getOptionalValue("crm.customer.merge.survivorship", String.class).orElse("most-recent"));
    sourcePriority = config.getOptionalValues("crm.customer.merge.source-priority", String.class).orElse(List.of());
  }

  /**
   * The value for {@code field} among the profiles, survivor first.
   *
   * @param value how to read the field from a profile
   */
  <T> T choose(String field, List<Customer> survivorFirst, Function<Customer, T> value) {
    Rule rule = config.getOptionalValue("crm.customer.merge.survivorship." + field, String.class)
        .map(Survivorship::rule).orElse(defaultRule);
    List<Customer> candidates = survivorFirst.stream().filter(c -> value.apply(c) != null).toList();
    if (candidates.isEmpty()) {
      return null;
    }
    Comparator<Customer> recency = Comparator.comparing(Customer::updatedAt).reversed();
    Optional<Customer> chosen = switch (rule) {
      case SURVIVOR -> Optional.of(candidates.get(0));
      case MOST_RECENT -> candidates.stream().min(recency);
      case SOURCE_PRIORITY -> candidates.stream().min(Comparator.comparingInt(this::rank).thenComparing(recency));
    };
    return chosen.map(value).orElse(null);
  }

  /** The position of the profile's best-ranked source system; profiles from no listed system rank last. */
  private int rank(Customer customer) {
    return customer.identities().stream()
        .map(i -> sourcePriority.indexOf(i.system()))
        .filter(index -> index >= 0)
        .min(Integer::compare)
        .orElse(Integer.MAX_VALUE);
  }

  private static Rule rule(String text) {
    String normalized = Objects.requireNonNull(text).strip().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return Rule.valueOf(normalized);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Unknown survivorship rule '" + text
          + "': use most-recent, survivor or source-priority");
    }
  }
}
