package org.clientele.crm.bench.feeder;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The limit of WebhookBenchmark: an endpoint in the CRM's server that only stores the raw body of a POST in one
 * table (one insert, one commit on the CRM's data source) and answers 200. The CRM's webhook receiver does that
 * too, plus signature check, parsing, deduplication and metadata; the ratio between the two is its overhead.
 *
 * <p>{@code POST /raw}: stores the body; {@code DELETE /raw}: empties the table.
 */
@WebServlet(urlPatterns = "/raw")
public class RawWebhookServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Resource(lookup = "jdbc/clientele")
  private transient DataSource dataSource;

  private volatile boolean created;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    try (Connection c = dataSource.getConnection()) {
      ensureTable(c);
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO bench_raw_delivery (topic, body) VALUES (?, ?)")) {
        s.setString(1, request.getHeader("X-Shopify-Topic"));
        s.setBytes(2, body);
        s.executeUpdate();
      }
      response.setStatus(200);
    } catch (SQLException e) {
      response.sendError(500, e.getMessage());
    }
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try (Connection c = dataSource.getConnection()) {
      ensureTable(c);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM bench_raw_delivery");
      }
      response.setStatus(204);
    } catch (SQLException e) {
      response.sendError(500, e.getMessage());
    }
  }

  private void ensureTable(Connection c) throws SQLException {
    if (!created) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS bench_raw_delivery (id BIGSERIAL PRIMARY KEY, topic VARCHAR(100), "
            + "received_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, body BYTEA NOT NULL)");
      }
      created = true;
    }
  }
}
