package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.send;

import java.net.http.HttpResponse;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestTokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The production identity: MicroProfile JWT bearer tokens with roles in the groups claim. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JwtIT {

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void tokenWithTheRoleIsAccepted() {
    HttpResponse<String> response = callRoutes(TestTokens.token("ops-1", 300, "crm-admin"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void tokenWithoutTheRoleGets403Problem() {
    assertProblem(callRoutes(TestTokens.token("agent-7", 300, "crm-agent")), 403, "forbidden");
  }

  @Test
  void expiredTokenGets401Problem() {
    assertProblem(callRoutes(TestTokens.expiredToken("ops-1", "crm-admin")), 401, "unauthenticated");
  }

  @Test
  void tokenFromAnUntrustedSignerGets401Problem() {
    assertProblem(callRoutes(TestTokens.tokenSignedByAnotherKey("ops-1", "crm-admin")), 401, "unauthenticated");
  }

  private static HttpResponse<String> callRoutes(String token) {
    return send(request("/crm/api/integration/routes").header("Authorization", "Bearer " + token).GET());
  }
}
