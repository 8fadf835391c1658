package org.clientele.crm.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** Checks that a response is an RFC 9457 problem of one type, and leaks nothing internal. */
public final class ProblemAssert {

  private ProblemAssert() {}

  public static JsonObject assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        contentType -> assertThat(contentType).startsWith("application/problem+json"));
    assertThat(response.body())
        .doesNotContain("Exception")
        .doesNotContain("at org.")
        .doesNotContain("at java.")
        .doesNotContainIgnoringCase("select ")
        .doesNotContain("RESTEASY");
    JsonObject problem = TestServer.json(response);
    assertThat(problem.getString("type")).isEqualTo("urn:clientele:problem:" + type);
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    return problem;
  }
}
