package org.clientele.crm.impl.segment;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * A rule as one SQL query selecting the ids of matching active customers, {@code SELECT c.id FROM
 * crm_customer c WHERE c.status = 'ACTIVE' AND (...)}, with its values as JDBC parameters in order
 * ({@code String}, {@code BigDecimal}, {@code Integer}, {@code Boolean}, {@code LocalDate},
 * {@code OffsetDateTime} in UTC).
 * The SQL holds no value from the rule: only whitelisted identifiers and {@code ?} placeholders.
 */
public record CompiledRule(String sql, List<Object> parameters) {

  public CompiledRule {
    Objects.requireNonNull(sql, "sql");
    parameters = List.copyOf(parameters);
  }

  /** Sets the parameters on a statement prepared from {@link #sql()} (or a query embedding it first). */
  public void bind(PreparedStatement statement) throws SQLException {
    bind(statement, 1);
  }

  /** Sets the parameters starting at a position, for a query that embeds this one after others. */
  public void bind(PreparedStatement statement, int first) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(first + i, parameters.get(i));
    }
  }
}
