package org.clientele.crm.rest.email;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.clientele.crm.api.email.EmailWebhookReceiver;
import org.clientele.crm.api.email.EmailWebhookReceiver.Receipt;
import org.clientele.crm.rest.problem.Problem;
import org.clientele.crm.rest.problem.ProblemServlet;
import org.clientele.crm.rest.problem.ProblemType;
import org.clientele.crm.rest.store.StoreWebhookServlet;

/**
 * Mailchimp's webhooks at {@code /crm/hooks/mailchimp/<secret>}: outside the authenticated {@code /crm/api/*},
 * authenticated by the secret in the URL (Mailchimp does not sign deliveries). GET answers 200 for Mailchimp's URL
 * validation; POST takes the form-encoded delivery (bounded, parsed strictly here). Problem documents never
 * name the URL (it holds the secret).
 */
@WebServlet(name = "email-webhooks", urlPatterns = EmailWebhookServlet.PATTERN)
public class EmailWebhookServlet extends ProblemServlet {

  static final String PATTERN = "/hooks/mailchimp/*";
  static final String INSTANCE = "/crm/hooks/mailchimp";
  static final long MAX_BODY = 64 * 1024;
  private static final String PLATFORM = "mailchimp";
  private static final long serialVersionUID = 1L;

  @Inject transient EmailWebhookReceiver receiver;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Receipt validated = receiver.validate(PLATFORM, secret(request));
    if (validated.outcome() == EmailWebhookReceiver.Outcome.APPLIED) {
      response.setStatus(200);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write("{\"outcome\":\"VALIDATED\"}");
      return;
    }
    answer(response, validated);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String secret = secret(request);
    Receipt refused = receiver.validate(PLATFORM, secret);
    if (refused.outcome() != EmailWebhookReceiver.Outcome.APPLIED) {
      answer(response, refused); // before reading anything
      return;
    }
    String contentType = request.getContentType();
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      problem(response, ProblemType.UNSUPPORTED_MEDIA_TYPE, 415,
          "Mailchimp deliveries are application/x-www-form-urlencoded");
      return;
    }
    byte[] body = request.getContentLengthLong() > MAX_BODY ? null
        : StoreWebhookServlet.read(request.getInputStream(), MAX_BODY);
    if (body == null) {
      problem(response, ProblemType.PAYLOAD_TOO_LARGE, 413, "The delivery is larger than " + MAX_BODY + " bytes");
      return;
    }
    Map<String, String> form;
    try {
      form = parseForm(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      problem(response, ProblemType.MALFORMED_REQUEST, 400, "The form body cannot be read: " + e.getMessage());
      return;
    }
    answer(response, receiver.receive(PLATFORM, secret, form));
  }

  /** The secret is the path after {@code /hooks/mailchimp/}; null when there is none. */
  static String secret(HttpServletRequest request) {
    String path = request.getPathInfo();
    if (path == null) {
      return null;
    }
    String secret = path.startsWith("/") ? path.substring(1) : path;
    return secret.isEmpty() ? null : secret;
  }

  /** {@code a=1&b=2}, percent- and plus-decoded as UTF-8; a repeated name keeps its last value. */
  static Map<String, String> parseForm(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isBlank()) {
      return form;
    }
    for (String pair : body.trim().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a field has no name");
      }
      form.put(name, value);
    }
    return form;
  }

  private void answer(HttpServletResponse response, Receipt receipt) throws IOException {
    switch (receipt.outcome()) {
      case APPLIED, DUPLICATE, IGNORED -> {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"outcome\":\"" + receipt.outcome() + "\"}");
      }
      case NOT_FOUND -> problem(response, ProblemType.NOT_FOUND, 404, receipt.detail());
      case UNAUTHENTICATED -> problem(response, ProblemType.UNAUTHENTICATED, 401, receipt.detail());
      case MALFORMED -> problem(response, ProblemType.MALFORMED_REQUEST, 400, receipt.detail());
      case REFUSED -> problem(response, ProblemType.CONFLICT, 409, receipt.detail());
    }
  }

  private void problem(HttpServletResponse response, ProblemType type, int status, String detail)
      throws IOException {
    writeProblem(response, Problem.of(type, status, detail, INSTANCE));
  }
}
