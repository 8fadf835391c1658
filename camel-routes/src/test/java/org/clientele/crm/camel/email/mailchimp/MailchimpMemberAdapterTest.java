package org.clientele.crm.camel.email.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.clientele.crm.api.email.EmailMember;
import org.clientele.crm.api.email.EmailMemberRegistry;
import org.clientele.crm.camel.email.ErasedMember;
import org.clientele.crm.camel.email.MemberMessage;
import org.clientele.crm.camel.outbox.PermanentDeliveryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against the Mailchimp peer: upserts, email change, the compliance rules, erasure, errors. */
class MailchimpMemberAdapterTest {

  private static final String KEY = "0123456789abcdef-us21";
  private static final String LIST = "a1b2c3";
  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");

  private MailchimpPeer peer;
  private MemoryRegistry registry;
  private MailchimpMemberAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    peer = MailchimpPeer.start(0, KEY);
    registry = new MemoryRegistry();
    adapter = adapter(KEY);
  }

  @AfterEach
  void stop() {
    peer.close();
  }

  private MailchimpMemberAdapter adapter(String key) {
    MailchimpSettings settings = new MailchimpSettings(key, LIST, URI.create(peer.baseUrl()), 2,
        Duration.ofSeconds(5), MailchimpSettings.mergeFields("FNAME:givenName,LNAME:familyName,BIRTHDAY:birthDate:MM/dd"));
    return new MailchimpMemberAdapter(settings, new MailchimpClient(settings), registry, Clock.systemUTC());
  }

  private static MemberMessage member(String email, String consent, Instant decidedAt, String givenName) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("givenName", givenName);
    fields.put("birthDate", "1990-04-17");
    return new MemberMessage(7, email, "de-DE", consent, decidedAt, fields);
  }

  @Test
  void segmentTagsGoToTheMemberTheCrmMadeWithIsSyncingAndNoMemberMeansNothingToTag() throws Exception {
    org.clientele.crm.camel.email.TagMessage vip = org.clientele.crm.camel.email.TagMessage.parse(
        "{\"customerId\":7,\"tags\":[{\"name\":\"VIP\",\"status\":\"active\"}]}");
    adapter.memberTags(vip); // no member yet: nothing sent
    assertThat(peer.requests()).isEmpty();

    adapter.memberChanged(member("ann@example.com", "GRANTED", T1, "Ann"));
    adapter.memberTags(vip);
    assertThat(peer.tags(LIST, "ann@example.com")).containsExactly(Map.entry("VIP", true));
    assertThat(peer.lastTagSyncing(LIST, "ann@example.com")).isTrue();
    adapter.memberTags(new org.clientele.crm.camel.email.TagMessage(7, Map.of("VIP", false)));
    assertThat(peer.tags(LIST, "ann@example.com")).containsExactly(Map.entry("VIP", false));

    MailchimpSettings noSync = new MailchimpSettings(KEY, LIST, URI.create(peer.baseUrl()), 2, Duration.ofSeconds(5),
        Map.of(), false);
    new MailchimpMemberAdapter(noSync, new MailchimpClient(noSync), registry, Clock.systemUTC())
        .memberTags(vip);
    assertThat(peer.lastTagSyncing(LIST, "ann@example.com")).isFalse();

    assertThatThrownBy(() -> org.clientele.crm.camel.email.TagMessage.parse(
        "{\"customerId\":7,\"tags\":[{\"name\":\"VIP\",\"status\":\"on\"}]}"))
        .isInstanceOf(PermanentDeliveryException.class);
  }

  @Test
  void aGrantedCustomerIsSubscribedWithMergeFieldsAndLanguage() throws Exception {
    adapter.memberChanged(member("Ann@Example.com", "GRANTED", T1, "Ann"));

    MailchimpPeer.Member m = peer.member(LIST, "ann@example.com").orElseThrow();
    assertThat(m.status()).isEqualTo("subscribed");
    assertThat(m.mergeFields()).containsEntry("FNAME", "Ann").containsEntry("LNAME", "")
        .containsEntry("BIRTHDAY", "04/17");
    assertThat(m.language()).isEqualTo("de");
    EmailMember row = registry.find("mailchimp", LIST, 7).orElseThrow();
    assertThat(row.memberKey()).isEqualTo(MailchimpPeer.hash("ann@example.com"));
    assertThat(row.status()).isEqualTo("subscribed");
    assertThat(row.statusAt()).isEqualTo(T1);
    assertThat(peer.requests()).as("looked before subscribing").first().asString().startsWith("GET ");
  }

  @Test
  void aWithdrawalUnsubscribesAndANewerOptInSubscribesAgain() throws Exception {
    adapter.memberChanged(member("ann@example.com", "GRANTED", T1, "Ann"));
    adapter.memberChanged(member("ann@example.com", "WITHDRAWN", T1.plusSeconds(60), "Ann"));
    assertThat(peer.member(LIST, "ann@example.com").orElseThrow().status()).isEqualTo("unsubscribed");
    adapter.memberChanged(member("ann@example.com", "GRANTED", T1.plusSeconds(120), "Ann"));
    assertThat(peer.member(LIST, "ann@example.com").orElseThrow().status()).isEqualTo("subscribed");
  }

  @Test
  void anEmailChangeMovesTheSameMemberToTheNewAddress() throws Exception {
    adapter.memberChanged(member("old@example.com", "GRANTED", T1, "Ann"));
    adapter.memberChanged(member("new@example.com", "GRANTED", T1, "Ann"));

    assertThat(peer.all(LIST)).singleElement().satisfies(m -> {
      assertThat(m.email()).isEqualTo("new@example.com");
      assertThat(m.status()).isEqualTo("subscribed");
    });
    assertThat(registry.find("mailchimp", LIST, 7).orElseThrow().memberKey())
        .isEqualTo(MailchimpPeer.hash("new@example.com"));
    assertThat(peer.requests()).contains("PUT /3.0/lists/" + LIST + "/members/" + MailchimpPeer.hash("old@example.com")
        + " 200");
  }

  @Test
  void anEmailChangeOfAMemberDeletedInMailchimpCreatesItAtTheNewAddress() throws Exception {
    registry.record(new EmailMember("mailchimp", LIST, 7, "gone@example.com", MailchimpPeer.hash("gone@example.com"),
        "subscribed", T1, T1, T1));
    adapter.memberChanged(member("new@example.com", "WITHDRAWN", T1.plusSeconds(5), "Ann"));
    assertThat(peer.all(LIST)).singleElement().satisfies(m -> assertThat(m.status()).isEqualTo("unsubscribed"));
  }

  @Test
  void someoneWhoUnsubscribedInMailchimpStaysUnsubscribedUntilANewerOptIn() throws Exception {
    adapter.memberChanged(member("ann@example.com", "GRANTED", T1, "Ann"));
    Instant unsubscribed = Instant.parse("2026-03-01T10:00:00Z");
    peer.setStatus(LIST, "ann@example.com", "unsubscribed", unsubscribed);

    // a profile change, with the old grant: profile only, and the CRM learns the status
    adapter.memberChanged(member("ann@example.com", "GRANTED", T1, "Anna"));
    MailchimpPeer.Member m = peer.member(LIST, "ann@example.com").orElseThrow();
    assertThat(m.status()).isEqualTo("unsubscribed");
    assertThat(m.mergeFields()).containsEntry("FNAME", "Anna");
    assertThat(registry.find("mailchimp", LIST, 7).orElseThrow().status()).isEqualTo("unsubscribed");
    // Mailchimp's last_changed moved with the profile change: the CRM keeps the later time (the safe side)
    assertThat(registry.find("mailchimp", LIST, 7).orElseThrow().statusAt()).isAfterOrEqualTo(unsubscribed);

    // an opt-in older than the unsubscribe still does not subscribe
    adapter.memberChanged(member("ann@example.com", "GRANTED", unsubscribed.plusSeconds(1), "Anna"));
    assertThat(peer.member(LIST, "ann@example.com").orElseThrow().status()).isEqualTo("unsubscribed");

    adapter.memberChanged(member("ann@example.com", "GRANTED", Instant.now().plusMillis(5), "Anna"));
    assertThat(peer.member(LIST, "ann@example.com").orElseThrow().status()).isEqualTo("subscribed");
  }

  @Test
  void aStaleRecordCannotResubscribe() throws Exception {
    // the CRM last knew "unsubscribed" (by its own withdrawal); meanwhile the member unsubscribed again in
    // Mailchimp after re-subscribing there: the GET before subscribing sees the newer unsubscribe
    adapter.memberChanged(member("ann@example.com", "WITHDRAWN", T1, "Ann"));
    peer.setStatus(LIST, "ann@example.com", "unsubscribed", T1.plusSeconds(3600));
    adapter.memberChanged(member("ann@example.com", "GRANTED", T1.plusSeconds(60), "Ann"));
    assertThat(peer.member(LIST, "ann@example.com").orElseThrow().status()).isEqualTo("unsubscribed");
  }

  @Test
  void aCleanedMemberIsNeverResubscribed() throws Exception {
    adapter.memberChanged(member("ann@example.com", "GRANTED", T1, "Ann"));
    peer.setStatus(LIST, "ann@example.com", "cleaned", T1.plusSeconds(10));
    adapter.memberChanged(member("ann@example.com", "WITHDRAWN", Instant.now(), "Ann"));
    adapter.memberChanged(member("ann@example.com", "GRANTED", Instant.now().plusMillis(5), "Ann"));
    assertThat(peer.member(LIST, "ann@example.com").orElseThrow().status()).isEqualTo("cleaned");
    assertThat(registry.find("mailchimp", LIST, 7).orElseThrow().status()).isEqualTo("cleaned");
  }

  @Test
  void withoutAConsentDecisionNoMemberIsCreated() throws Exception {
    adapter.memberChanged(member("ann@example.com", null, null, "Ann"));
    assertThat(peer.all(LIST)).isEmpty();
    assertThat(peer.requests()).isEmpty();
  }

  @Test
  void erasureDeletesTheMemberPermanently() throws Exception {
    adapter.memberChanged(member("ann@example.com", "GRANTED", T1, "Ann"));
    String hash = MailchimpPeer.hash("ann@example.com");
    adapter.memberErased(new ErasedMember(7, "mailchimp", LIST, hash));
    assertThat(peer.deletedPermanently(LIST, hash)).isTrue();
    assertThat(peer.all(LIST)).isEmpty();
    assertThatThrownBy(() -> adapter.memberErased(new ErasedMember(7, "mailchimp", LIST, hash)))
        .isInstanceOf(PermanentDeliveryException.class).hasMessageContaining("404");
  }

  @Test
  void fourHundredsArePermanentWithMailchimpsDetailAndTooManyRequestsIsRetried() throws Exception {
    assertThatThrownBy(() -> adapter.memberChanged(member("x@fake.example", "WITHDRAWN", T1, "X")))
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("HTTP 400").hasMessageContaining("Invalid Resource").hasMessageContaining("looks fake");
    peer.failNext(1);
    assertThatThrownBy(() -> adapter.memberChanged(member("ann@example.com", "WITHDRAWN", T1, "Ann")))
        .isInstanceOf(MailchimpUnavailableException.class).hasMessageContaining("429");
    adapter.memberChanged(member("ann@example.com", "WITHDRAWN", T1, "Ann"));
    assertThat(peer.member(LIST, "ann@example.com")).isPresent();
  }

  @Test
  void aWrongKeyIsRetriedNotParkedAndNeverShown() {
    // the configuration's fault, not the message's: the messages wait for the key to be fixed
    assertThatThrownBy(() -> adapter("badkey-us21").memberChanged(member("ann@example.com", "WITHDRAWN", T1, "Ann")))
        .isInstanceOf(MailchimpUnavailableException.class).hasMessageContaining("401").hasMessageNotContaining("badkey");
  }

  @Test
  void theBaseUrlComesFromTheKeysDatacenterAndTheKeyIsNeverShown() {
    assertThat(MailchimpSettings.baseUrlOf("abc-us21")).hasToString("https://us21.api.mailchimp.com/3.0");
    assertThatThrownBy(() -> MailchimpSettings.baseUrlOf("nodatacenter")).hasMessageContaining("base-url");
    MailchimpSettings settings = MailchimpSettings.from(k -> Optional.ofNullable(Map.of(
        "crm.email.mailchimp.api-key", "secret-us9", "crm.email.mailchimp.list-id", "L1").get(k)));
    assertThat(settings.baseUrl()).hasToString("https://us9.api.mailchimp.com/3.0");
    assertThat(settings.maxConnections()).isEqualTo(10);
    assertThat(settings.mergeFields()).containsOnlyKeys("FNAME", "LNAME", "PHONE");
    assertThat(settings.toString()).doesNotContain("secret");
    assertThatThrownBy(() -> MailchimpSettings.mergeFields("fname=givenName")).hasMessageContaining("TAG:field");
    assertThatThrownBy(() -> MailchimpSettings.from(k -> Optional.empty())).hasMessageContaining("api-key");
  }

  /** The registry's contract in memory. */
  static final class MemoryRegistry implements EmailMemberRegistry {
    final Map<String, EmailMember> members = new ConcurrentHashMap<>();

    @Override
    public Optional<EmailMember> find(String platform, String audience, long customerId) {
      return Optional.ofNullable(members.get(platform + "/" + audience + "/" + customerId));
    }

    @Override
    public void record(EmailMember m) {
      members.put(m.platform() + "/" + m.audience() + "/" + m.customerId(), m);
    }

    @Override
    public void forget(String platform, String audience, long customerId) {
      members.remove(platform + "/" + audience + "/" + customerId);
    }
  }
}
