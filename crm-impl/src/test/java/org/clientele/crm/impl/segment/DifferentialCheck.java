package org.clientele.crm.impl.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.segment.SegmentRule;

/**
 * Differential testing of the compiler: a seeded random dataset is loaded into a database and into the
 * {@link RuleEvaluator}; random rules must select the same customers through SQL as in Java. Reproduce a
 * failure with {@code -Dsegment.seed=<seed>} (and more rules with {@code -Dsegment.rules=<n>}).
 */
final class DifferentialCheck {

  static final long DEFAULT_SEED = 20261123L;

  private DifferentialCheck() {}

  static long seed() {
    return Long.getLong("segment.seed", DEFAULT_SEED);
  }

  static int rules(int defaultCount) {
    return Integer.getInteger("segment.rules", defaultCount);
  }

  static void run(String database, DataSource dataSource, long seed, int customers, int ruleCount)
      throws SQLException {
    Dataset data = new DatasetGenerator(seed).generate(customers);
    DatasetLoader.load(dataSource, data);
    RuleEvaluator evaluator = new RuleEvaluator(data);
    RuleGenerator generator = new RuleGenerator(seed + 1, data.attributes());
    SegmentRuleValidator validator = new SegmentRuleValidator();
    SegmentSqlCompiler compiler = new SegmentSqlCompiler(validator);
    SegmentCatalog catalog = data.catalog();
    long active = data.customers().stream().filter(c -> c.status().equals("ACTIVE")).count();
    List<String> failures = new ArrayList<>();
    int informative = 0;
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
    for (int i = 0; i < ruleCount; i++) {
      SegmentRule rule = generator.rule();
      Instant asOf = generator.asOf();
      String context = database + ", seed " + seed + ", rule #" + i + " at " + asOf + ":\n  " + RuleJson.write(rule);
      List<FieldViolation> violations = validator.violations(null, rule, catalog);
      if (!violations.isEmpty()) {
        failures.add(context + "\n  rejected: " + violations);
        continue;
      }
      CompiledRule compiled = compiler.compile(rule, catalog, asOf);
      List<Long> actual;
      try {
        actual = DatasetLoader.select(connection, compiled);
      } catch (SQLException e) {
        failures.add(context + "\n  SQL failed: " + e.getMessage() + "\n  " + compiled.sql());
        continue;
      }
      List<Long> expected = evaluator.select(rule, asOf);
      if (!actual.equals(expected)) {
        List<Long> onlySql = new ArrayList<>(actual);
        onlySql.removeAll(expected);
        List<Long> onlyJava = new ArrayList<>(expected);
        onlyJava.removeAll(actual);
        failures.add(context + "\n  SQL selected " + actual.size() + ", the evaluator " + expected.size()
            + "; only SQL: " + head(onlySql) + ", only evaluator: " + head(onlyJava) + "\n  " + compiled.sql()
            + "\n  " + compiled.parameters());
      }
      // The scoped form (incremental re-evaluation) selects exactly the scope's share of the full result.
      List<Long> scope = scopeOf(data, i);
      CompiledRule scoped = compiler.compile(null, rule, catalog, asOf, scope);
      try {
        List<Long> scopedActual = DatasetLoader.select(connection, scoped);
        List<Long> scopedExpected = expected.stream().filter(scope::contains).toList();
        if (!scopedActual.equals(scopedExpected)) {
          failures.add(context + "\n  scoped to " + scope + ": SQL " + scopedActual + ", expected " + scopedExpected
              + "\n  " + scoped.sql());
        }
      } catch (SQLException e) {
        failures.add(context + "\n  scoped SQL failed: " + e.getMessage() + "\n  " + scoped.sql());
      }
      if (!expected.isEmpty() && expected.size() < active) {
        informative++;
      }
    }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("Segment differential test on %s: seed %d, %d customers (%d active), %d rules, %d selecting"
        + " some but not all, %d mismatches, %d ms%n", database, seed, customers, active, ruleCount, informative,
        failures.size(), millis);
    assertThat(failures).as("rules where SQL and the evaluator disagree (seed " + seed + "); first ones:\n"
        + String.join("\n\n", failures.subList(0, Math.min(3, failures.size())))).isEmpty();
    assertThat(generator.coverage).as("kinds and operators generated").containsAll(RuleGenerator.expectedCoverage());
    assertThat(informative).as("rules selecting some but not all customers").isGreaterThan(ruleCount / 3);
  }

  /** A few customers (different ones per rule), some of them inactive. */
  private static List<Long> scopeOf(Dataset data, int rule) {
    List<Long> ids = data.customers().stream().map(Dataset.Customer::id).toList();
    List<Long> scope = new ArrayList<>();
    for (int k = 0; k < 7; k++) {
      scope.add(ids.get((rule * 31 + k * 17) % ids.size()));
    }
    return scope.stream().distinct().toList();
  }

  private static List<Long> head(List<Long> ids) {
    return ids.subList(0, Math.min(10, ids.size()));
  }
}
