package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.clientele.crm.it.hosterp.HostErpServlet;
import org.clientele.crm.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The in-process contract: a separate "host ERP" application on the same server calls the CRM through
 * its local EJB view, sharing the crm-api classes through the server's clienteleApi library.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostErpIT {

  @Deployment(name = "clientele", order = 1, testable = false, managed = false)
  static EnterpriseArchive clientele() {
    return Deployments.clienteleEar();
  }

  /** No crm-api inside: the host gets it from the shared library, as documented for real hosts. */
  @Deployment(name = "host-erp", order = 2, testable = false)
  static WebArchive hostErp() {
    return ShrinkWrap.create(WebArchive.class, "host-erp.war").addPackage(HostErpServlet.class.getPackage());
  }

  @Test
  void hostApplicationCallsTheCrmInProcess() {
    HttpResponse<String> response = send(request("/host-erp/crm-status").GET());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject fromHost = json(response);
    JsonObject fromRest = json(get(AGENT, "/crm/api/system/status"));
    assertThat(fromHost.getString("version")).isEqualTo(fromRest.getString("version"));
    assertThat(fromHost.getString("schemaVersion")).isEqualTo(fromRest.getString("schemaVersion"));
    assertThat(fromHost.getString("node")).isEqualTo(fromRest.getString("node"));
  }

  @Test
  void hostApplicationRegistersAndReadsACustomerInProcess() {
    String erpId = "HOST-" + java.util.UUID.randomUUID();
    HttpResponse<String> response = send(request("/host-erp/register-customer?erpId=" + erpId
        + "&email=Host." + erpId + "@Example.com").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject fromHost = json(response);
    assertThat(fromHost.getBoolean("created")).isTrue();
    assertThat(fromHost.getJsonNumber("readBackId")).isEqualTo(fromHost.getJsonNumber("id"));
    assertThat(fromHost.getString("email")).isEqualTo(("host." + erpId + "@example.com").toLowerCase());

    JsonObject fromRest = json(get(AGENT, "/crm/api/customers/" + fromHost.getJsonNumber("id").longValue()));
    assertThat(fromRest.getJsonArray("identities").getJsonObject(0).getString("externalId")).isEqualTo(erpId);
  }
}
