package org.clientele.crm.rest.integration;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.clientele.crm.api.integration.CorrelationContext;

/**
 * Every API request runs with a correlation id: the caller's {@value #HEADER} when it is a plausible id, else a
 * new one. It is echoed in the response, and the outbox messages the request causes carry it, so an operator can
 * follow a change from the call to what the ERP received.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class CorrelationFilter extends HttpFilter {

  public static final String HEADER = "X-Correlation-Id";

  /** Printable and short: the id reaches logs and other systems' headers. */
  private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9._:/+=-]{1," + CorrelationContext.MAX_LENGTH + "}");

  @Inject CorrelationContext correlation;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String id = idOf(request.getHeader(HEADER));
    response.setHeader(HEADER, id);
    try {
      correlation.call(id, () -> {
        try {
          chain.doFilter(request, response);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (ServletException e) {
          throw new WrappedServletException(e);
        }
        return null;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (WrappedServletException e) {
      throw (ServletException) e.getCause();
    }
  }

  static String idOf(String header) {
    if (header != null && PLAUSIBLE.matcher(header.strip()).matches()) {
      return header.strip();
    }
    return UUID.randomUUID().toString();
  }

  private static final class WrappedServletException extends RuntimeException {
    WrappedServletException(ServletException cause) {
      super(cause);
    }
  }
}
