package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.jsonArray;
import static org.clientele.crm.it.support.TestServer.postJson;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Merge and unmerge, duplicate review, export and erasure, through the REST API and the real database. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CustomerMergeAndPrivacyIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void mergeOfThreeProfilesThenUnmergeRestoresTheOriginals() {
    long a = register("{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"M-A-%1$s\"}],\"givenName\":\"Mia\","
        + "\"familyName\":\"Meyer\",\"email\":\"mia.a.%1$s@example.com\",\"tags\":[\"erp\"]}");
    long b = register("{\"identities\":[{\"system\":\"STORE:shop\",\"externalId\":\"M-B-%1$s\"}],"
        + "\"email\":\"mia.b.%1$s@example.com\",\"tags\":[\"store\"]}");
    long c = register("{\"email\":\"mia.c.%1$s@example.com\",\"birthDate\":\"1990-04-01\"}");
    postJson(INTEGRATION, "/crm/api/customers/" + b + "/consents",
        "{\"channel\":\"EMAIL\",\"purpose\":\"MARKETING\",\"status\":\"GRANTED\",\"source\":\"STORE\","
            + "\"decidedAt\":\"2026-02-01T00:00:00Z\"}");

    postJson(INTEGRATION, "/crm/api/interactions",
        InteractionIT.interaction(b, "CHAT", "INQUIRY", "2026-02-02T00:00:00Z", "mb-" + run));

    HttpResponse<String> merged = postJson(ADMIN, "/crm/api/customer-merges",
        "{\"survivorId\":%d,\"mergedIds\":[%d,%d]}".formatted(a, b, c));
    assertThat(merged.statusCode()).as(merged.body()).isEqualTo(201);
    long mergeId = json(merged).getJsonNumber("mergeId").longValue();
    JsonObject survivor = json(merged).getJsonObject("survivor");
    assertThat(survivor.getJsonArray("identities").getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("externalId")).containsExactlyInAnyOrder("M-A-" + run, "M-B-" + run);
    assertThat(survivor.getJsonArray("tags").getValuesAs(JsonString.class)).extracting(JsonString::getString)
        .containsExactlyInAnyOrder("erp", "store");
    assertThat(survivor.getString("birthDate")).isEqualTo("1990-04-01");
    java.util.List<String> emails = new java.util.ArrayList<>();
    emails.add(survivor.getString("email"));
    survivor.getJsonArray("contactPoints").getValuesAs(JsonObject.class).forEach(p -> emails.add(p.getString("value")));
    assertThat(emails).as("no email is lost, none is doubled").containsExactlyInAnyOrder(
        "mia.a.%s@example.com".formatted(run), "mia.b.%s@example.com".formatted(run),
        "mia.c.%s@example.com".formatted(run));
    assertThat(survivor.getJsonArray("consents")).as("b's consent moved to the survivor").hasSize(1);
    assertThat(json(get(AGENT, "/crm/api/customers/" + a + "/timeline")).getJsonArray("items"))
        .as("b's interaction is on the survivor's timeline").hasSize(1);

    assertThat(json(get(AGENT, "/crm/api/customers/" + b)).getJsonNumber("id").longValue())
        .as("a merged id resolves to the survivor").isEqualTo(a);
    assertThat(json(get(AGENT, "/crm/api/customers/lookup?email=mia.c.%s@example.com".formatted(run)))
        .getJsonNumber("id").longValue()).isEqualTo(a);
    assertProblem(postJson(ADMIN, "/crm/api/customer-merges", "{\"survivorId\":%d,\"mergedIds\":[%d]}"
        .formatted(c, a)), 409, "conflict");

    HttpResponse<String> undone = postJson(ADMIN, "/crm/api/customer-merges/" + mergeId + "/undo", "");
    assertThat(undone.statusCode()).as(undone.body()).isEqualTo(200);
    assertThat(json(undone).getString("undoneAt")).isNotBlank();

    JsonObject restoredA = json(get(AGENT, "/crm/api/customers/" + a));
    JsonObject restoredB = json(get(AGENT, "/crm/api/customers/" + b));
    JsonObject restoredC = json(get(AGENT, "/crm/api/customers/" + c));
    assertThat(restoredA.getString("email")).isEqualTo("mia.a.%s@example.com".formatted(run));
    assertThat(restoredA.getJsonArray("identities")).hasSize(1);
    assertThat(restoredA.getJsonArray("consents")).isEmpty();
    assertThat(restoredB.getJsonNumber("id").longValue()).isEqualTo(b);
    assertThat(restoredB.getJsonArray("identities").getJsonObject(0).getString("externalId")).isEqualTo("M-B-" + run);
    assertThat(restoredB.getJsonArray("consents")).as("b's consent came back").hasSize(1);
    assertThat(json(get(AGENT, "/crm/api/customers/" + b + "/timeline")).getJsonArray("items")).hasSize(1);
    assertThat(json(get(AGENT, "/crm/api/customers/" + a + "/timeline")).getJsonArray("items")).isEmpty();
    assertThat(restoredC.getString("birthDate")).isEqualTo("1990-04-01");
    assertThat(json(get(AGENT, "/crm/api/customers/lookup?system=STORE:shop&externalId=M-B-" + run))
        .getJsonNumber("id").longValue()).isEqualTo(b);
    assertProblem(postJson(ADMIN, "/crm/api/customer-merges/" + mergeId + "/undo", ""), 409, "conflict");
  }

  @Test
  void duplicateSuggestionsAreScoredAcceptedAndDismissed() {
    long x = register("{\"givenName\":\"Dora\",\"familyName\":\"Dup%1$s\",\"email\":\"dora.%1$s@one.example\","
        + "\"address\":{\"postalCode\":\"10115\",\"country\":\"DE\"}}");
    long y = register("{\"givenName\":\"Dora\",\"familyName\":\"Dup%1$s\",\"email\":\"dora.%1$s@two.example\","
        + "\"address\":{\"postalCode\":\"10115\",\"country\":\"DE\"}}");
    long z = register("{\"givenName\":\"Zoe\",\"familyName\":\"Other%1$s\",\"email\":\"dora.%1$s@three.example\"}");

    HttpResponse<String> detected = postJson(ADMIN, "/crm/api/duplicate-suggestions/detection", "");
    assertThat(json(detected).getInt("created")).isPositive();
    JsonObject xy = suggestion(x, y);
    assertThat(xy.getInt("score")).isEqualTo(100);
    assertThat(xy.getJsonArray("reasons").getValuesAs(JsonString.class)).extracting(JsonString::getString)
        .containsExactlyInAnyOrder("same-name-and-postcode", "same-email-at-other-domain");
    JsonObject xz = suggestion(x, z);
    assertThat(jsonArray(get(ADMIN, "/crm/api/duplicate-suggestions?customerId=" + x)).getValuesAs(JsonObject.class))
        .as("only the suggestions of that profile").isNotEmpty()
        .allMatch(s -> s.getJsonNumber("customerA").longValue() == x || s.getJsonNumber("customerB").longValue() == x);
    assertThat(xz.getInt("score")).isEqualTo(40);
    long jonathan = register("{\"email\":\"jonathan.%1$s@typo.example\"}");
    long jonathon = register("{\"email\":\"jonathon.%1$s@typo.example\"}");
    postJson(ADMIN, "/crm/api/duplicate-suggestions/detection", "");
    JsonObject typo = suggestion(jonathan, jonathon);
    assertThat(typo.getJsonArray("reasons").getValuesAs(JsonString.class)).extracting(JsonString::getString)
        .containsExactly("similar-email");
    assertThat(typo.getInt("score")).isEqualTo(35);

    HttpResponse<String> dismissed = postJson(ADMIN,
        "/crm/api/duplicate-suggestions/" + xz.getJsonNumber("id").longValue() + "/dismiss", "");
    assertThat(json(dismissed).getString("status")).isEqualTo("DISMISSED");
    HttpResponse<String> accepted = postJson(ADMIN,
        "/crm/api/duplicate-suggestions/" + xy.getJsonNumber("id").longValue() + "/accept",
        "{\"survivorId\":%d}".formatted(x));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    HttpResponse<String> mergedAway = get(AGENT, "/crm/api/customers/" + y);
    assertThat(mergedAway.statusCode()).as(mergedAway.body()).isEqualTo(200);
    assertThat(json(mergedAway).getJsonNumber("id").longValue()).isEqualTo(x);

    postJson(ADMIN, "/crm/api/duplicate-suggestions/detection", "");
    assertThat(jsonArray(get(ADMIN, "/crm/api/duplicate-suggestions?customerId=" + z)).getValuesAs(JsonObject.class))
        .as("decided pairs are not suggested again")
        .noneMatch(s -> s.getJsonNumber("customerA").longValue() == Math.min(x, z)
            && s.getJsonNumber("customerB").longValue() == Math.max(x, z));
  }

  @Test
  void exportHoldsEverythingStoredAboutThePerson() {
    long id = register("{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"X-%1$s\"}],"
        + "\"email\":\"export.%1$s@example.com\",\"consents\":[{\"channel\":\"SMS\",\"purpose\":\"SERVICE\","
        + "\"status\":\"GRANTED\",\"source\":\"ERP\",\"decidedAt\":\"2026-01-05T08:00:00Z\"}]}");
    postJson(INTEGRATION, "/crm/api/interactions", ("{\"customerId\":%d,\"channel\":\"CHAT\",\"type\":\"INQUIRY\","
        + "\"direction\":\"INBOUND\",\"occurredAt\":\"2026-01-06T08:00:00Z\",\"summary\":\"Parcel late\","
        + "\"sourceSystem\":\"desk\",\"sourceEventId\":\"exp-%s\"}").formatted(id, run));
    postJson(INTEGRATION, "/crm/api/purchases", ("{\"customerId\":%d,\"sourceSystem\":\"shop\",\"orderId\":\"exp-%s\","
        + "\"status\":\"PAID\",\"currency\":\"EUR\",\"placedAt\":\"2026-01-06T09:00:00Z\","
        + "\"sourceUpdatedAt\":\"2026-01-06T09:00:00Z\",\"lines\":[{\"sku\":\"S1\",\"name\":\"Mug\","
        + "\"quantity\":1,\"unitPrice\":9.5}]}").formatted(id, run));

    HttpResponse<String> response = get(ADMIN, "/crm/api/customers/" + id + "/export");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        v -> assertThat(v).contains("customer-" + id + ".json"));
    JsonObject export = json(response);
    assertThat(export.getJsonObject("profile").getString("email")).isEqualTo("export.%s@example.com".formatted(run));
    assertThat(export.getJsonArray("consentHistory")).hasSize(1);
    assertThat(export.getJsonArray("auditTrail").getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("action") + " by " + e.getString("actor"))
        .contains("customer.registered by integration", "consent.recorded by integration");
    JsonObject activity = export.getJsonObject("activity");
    assertThat(activity.keySet()).contains("interactions", "conversations", "purchases", "feedback", "follow-ups");
    assertThat(activity.getJsonArray("interactions").getJsonObject(0).getString("summary")).isEqualTo("Parcel late");
    assertThat(activity.getJsonArray("conversations")).hasSize(1);
    assertThat(activity.getJsonArray("purchases").getJsonObject(0).getString("orderId")).isEqualTo("exp-" + run);
    assertProblem(get(AGENT, "/crm/api/customers/" + id + "/export"), 403, "forbidden");
  }

  @Test
  void erasureLeavesNoTraceAndBlocksRecreation() throws Exception {
    String email = "erase.%s@example.com".formatted(run);
    String family = "Eraseme" + run;
    String phoneDigits = String.valueOf(Math.abs(run.hashCode()) % 90_000_000 + 10_000_000);
    long a = register("{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"Z-%1$s\"}],\"familyName\":\"" + family
        + "\",\"email\":\"" + email + "\",\"phone\":\"+4930" + phoneDigits + "\",\"consents\":[{\"channel\":\"EMAIL\","
        + "\"purpose\":\"MARKETING\",\"status\":\"GRANTED\",\"source\":\"web\",\"decidedAt\":\"2026-01-01T00:00:00Z\","
        + "\"evidence\":\"form at " + email + "\"}]}");
    long b = register("{\"email\":\"erase.b.%1$s@example.com\",\"familyName\":\"" + family + "\"}");
    postJson(INTEGRATION, "/crm/api/interactions", """
        {"customerId":%d,"channel":"EMAIL","type":"INQUIRY","direction":"INBOUND","occurredAt":"2026-01-02T00:00:00Z",
         "subject":"From %s","summary":"Mail from %s","sourceSystem":"mail","sourceEventId":"%s-1",
         "reference":"<1.%s>"}"""
        .formatted(a, family, email, email, email));
    assertThat(postJson(INTEGRATION, "/crm/api/feedback", """
        {"customerId":%d,"kind":"NPS","score":2,"comment":"Write to %s","receivedAt":"2026-01-03T00:00:00Z",
         "sourceSystem":"survey","sourceEventId":"%s"}""".formatted(b, email, email)).statusCode()).isEqualTo(201);
    assertThat(postJson(AGENT, "/crm/api/follow-ups", """
        {"customerId":%d,"title":"Call %s","details":"at %s","dueAt":"2026-01-04T00:00:00Z"}"""
        .formatted(a, family, email)).statusCode()).isEqualTo(201);
    long merge = json(postJson(ADMIN, "/crm/api/customer-merges",
        "{\"survivorId\":%d,\"mergedIds\":[%d]}".formatted(a, b))).getJsonNumber("mergeId").longValue();
    assertThat(TestDatabase.whereStored(email)).as("control: the data is stored before erasure").isNotEmpty();
    assertThat(TestDatabase.whereStored(family)).isNotEmpty();

    HttpResponse<String> erased = postJson(ADMIN, "/crm/api/customers/" + a + "/erasure",
        "{\"reason\":\"data subject request 42\"}");
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    assertThat(json(erased).getString("blockedUntil")).isNotBlank();

    assertThat(TestDatabase.whereStored(email)).as("no trace of the email in any table").isEmpty();
    assertThat(TestDatabase.whereStored("erase.b." + run)).isEmpty();
    assertThat(TestDatabase.whereStored(family)).as("no trace of the name").isEmpty();
    assertThat(TestDatabase.whereStored(phoneDigits)).as("no trace of the phone").isEmpty();
    assertThat(TestDatabase.whereStored("Z-" + run)).as("no trace of the identity").isEmpty();

    assertProblem(get(AGENT, "/crm/api/customers/" + a), 404, "not-found");
    assertProblem(get(AGENT, "/crm/api/customers/" + b), 404, "not-found");
    assertProblem(postJson(ADMIN, "/crm/api/customer-merges/" + merge + "/undo", ""), 409, "conflict");
    assertProblem(postJson(INTEGRATION, "/crm/api/customers", "{\"email\":\"" + email + "\"}"), 409, "recently-erased");
    assertProblem(postJson(INTEGRATION, "/crm/api/customers",
        "{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"Z-%s\"}]}".formatted(run)), 409, "recently-erased");
  }

  private long register(String template) {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/customers", template.formatted(run));
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    return json(response).getJsonNumber("id").longValue();
  }

  private static JsonObject suggestion(long one, long other) {
    return jsonArray(get(ADMIN, "/crm/api/duplicate-suggestions?customerId=" + one)).getValuesAs(JsonObject.class)
        .stream()
        .filter(s -> s.getJsonNumber("customerA").longValue() == Math.min(one, other)
            && s.getJsonNumber("customerB").longValue() == Math.max(one, other))
        .findFirst().orElseThrow(() -> new AssertionError("no suggestion for " + one + " and " + other));
  }
}
