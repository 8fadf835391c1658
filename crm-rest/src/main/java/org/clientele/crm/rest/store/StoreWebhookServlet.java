package org.clientele.crm.rest.store;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.clientele.crm.api.store.StoreWebhookReceiver;
import org.clientele.crm.api.store.WebhookOutcome;
import org.clientele.crm.api.store.WebhookReceipt;
import org.clientele.crm.rest.problem.Problem;
import org.clientele.crm.rest.problem.ProblemServlet;
import org.clientele.crm.rest.problem.ProblemType;

/**
 * Webhook deliveries of the stores at {@code /crm/hooks/<store>} (e.g. {@code /crm/hooks/shopify}): outside the
 * authenticated {@code /crm/api/*}, since the signature over the body is the authentication. A servlet rather
 * than JAX-RS so that the body is read as raw bytes, bounded, before anything else. Answers 200 once the
 * delivery is stored; errors are problem documents.
 */
@WebServlet(name = "store-webhooks", urlPatterns = StoreWebhookServlet.PATTERN)
public class StoreWebhookServlet extends ProblemServlet {

  static final String PATTERN = "/hooks/*";

  private static final long serialVersionUID = 1L;

  @Inject transient StoreWebhookReceiver receiver;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo();
    String store = path == null ? "" : path.replaceAll("^/+|/+$", "").toLowerCase(Locale.ROOT);
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, request.getHeader(name));
    }
    long max = receiver.maxBodyBytes(store);
    if (max <= 0) {
      problem(request, response, ProblemType.NOT_FOUND, 404, "No store webhooks are received at this path");
      return;
    }
    long declared = request.getContentLengthLong();
    byte[] body = declared > max ? null : read(request.getInputStream(), max);
    if (body == null) {
      answer(request, response, receiver.tooLarge(store, headers));
      return;
    }
    answer(request, response, receiver.receive(store, headers, body));
  }

  /** The body, or null as soon as it passes {@code max} bytes (a missing or false Content-Length). */
  public static byte[] read(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private void answer(HttpServletRequest request, HttpServletResponse response, WebhookReceipt receipt)
      throws IOException {
    WebhookOutcome outcome = receipt.outcome();
    switch (outcome) {
      case ACCEPTED, DUPLICATE, IGNORED -> {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"outcome\":\"" + outcome + "\",\"deliveryId\":" + receipt.deliveryId() + "}");
      }
      case UNAUTHENTICATED -> problem(request, response, ProblemType.UNAUTHENTICATED, 401, receipt.detail());
      case MALFORMED -> problem(request, response, ProblemType.MALFORMED_REQUEST, 400, receipt.detail());
      case TOO_LARGE -> problem(request, response, ProblemType.PAYLOAD_TOO_LARGE, 413, receipt.detail());
    }
  }

  private void problem(HttpServletRequest request, HttpServletResponse response, ProblemType type, int status,
      String detail) throws IOException {
    writeProblem(response, Problem.of(type, status, detail, request.getRequestURI()));
  }
}
