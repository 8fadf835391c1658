package org.clientele.crm.camel.email.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.Direction;
import org.clientele.crm.api.interaction.InteractionType;
import org.clientele.crm.api.interaction.NewInteraction;
import org.clientele.crm.camel.email.mailchimp.EngagementMapping.Activity;
import org.clientele.crm.camel.email.mailchimp.EngagementMapping.Campaign;
import org.junit.jupiter.api.Test;

/** Reports entries → activities → interactions, and their idempotency keys. */
class EngagementMappingTest {

  private static final String ANN = "ann@example.com";
  private static final Campaign CAMPAIGN = new Campaign("42694e9e57", "Autumn", "Autumn sale", "L1",
      Instant.parse("2026-10-01T09:00:00Z"));

  @Test
  void aReportsEntryIsACampaignOnlyOnceSent() {
    Campaign c = EngagementMapping.campaign(json("""
        {"id":"42694e9e57","campaign_title":"Autumn","subject_line":"Autumn sale","list_id":"L1",
         "send_time":"2026-10-01T09:00:00+00:00","emails_sent":3}"""));
    assertThat(c).isEqualTo(CAMPAIGN);
    assertThat(EngagementMapping.campaign(json("{\"id\":\"x\",\"send_time\":\"\"}"))).isNull();
  }

  @Test
  void opensClicksAndBouncesBecomeInboundInteractionsAtTheirTimestamps() {
    List<Activity> activities = EngagementMapping.activities(CAMPAIGN, json("""
        {"campaign_id":"42694e9e57","list_id":"L1","email_id":"%s","email_address":"%s","activity":[
          {"action":"open","timestamp":"2026-10-01T10:00:00+00:00","ip":"192.0.2.1"},
          {"action":"click","timestamp":"2026-10-01T10:01:00+02:00","url":"https://shop.example/a"},
          {"action":"bounce","timestamp":"2026-10-01T10:02:00+00:00","type":"soft"},
          {"action":"forward","timestamp":"2026-10-01T10:03:00+00:00"},
          {"action":"open","timestamp":"not a time"}]}""".formatted(MailchimpPeer.hash(ANN), ANN)));
    assertThat(activities).extracting(Activity::type).containsExactly(InteractionType.CAMPAIGN_OPENED,
        InteractionType.CAMPAIGN_CLICKED, InteractionType.CAMPAIGN_BOUNCED);
    assertThat(activities.get(1).occurredAt()).isEqualTo(Instant.parse("2026-10-01T08:01:00Z"));
    assertThat(activities.get(1).attributes()).containsEntry("url", "https://shop.example/a")
        .containsEntry("campaignId", "42694e9e57").containsEntry("campaignTitle", "Autumn");
    assertThat(activities.get(2).attributes()).containsEntry("bounceType", "soft");
    assertThat(activities).allSatisfy(a -> {
      assertThat(a.direction()).isEqualTo(Direction.INBOUND);
      assertThat(a.memberKey()).isEqualTo(MailchimpPeer.hash(ANN));
      assertThat(a.attributes()).doesNotContainKey("ip").doesNotContainValue(ANN);
    });

    NewInteraction open = activities.get(0).toInteraction(7, CAMPAIGN);
    assertThat(open.customerId()).isEqualTo(7);
    assertThat(open.channel()).isEqualTo(Channel.EMAIL);
    assertThat(open.sourceSystem()).isEqualTo("MAILCHIMP");
    assertThat(open.subject()).isEqualTo("Campaign opened: Autumn sale");
    assertThat(open.occurredAt()).isEqualTo(Instant.parse("2026-10-01T10:00:00Z"));
  }

  @Test
  void keysAreDeterministicPerCampaignMemberActionSecondAndUrl() {
    String hash = MailchimpPeer.hash(ANN);
    Activity a = EngagementMapping.activities(CAMPAIGN, json("""
        {"email_id":"%s","activity":[{"action":"click","timestamp":"2026-10-01T10:00:00+00:00","url":"https://a"}]}"""
        .formatted(hash))).get(0);
    Activity sameInOtherOffset = EngagementMapping.activities(CAMPAIGN, json("""
        {"email_id":"%s","activity":[{"action":"click","timestamp":"2026-10-01T12:00:00+02:00","url":"https://a"}]}"""
        .formatted(hash))).get(0);
    Activity otherUrl = EngagementMapping.activities(CAMPAIGN, json("""
        {"email_id":"%s","activity":[{"action":"click","timestamp":"2026-10-01T10:00:00+00:00","url":"https://b"}]}"""
        .formatted(hash))).get(0);
    assertThat(sameInOtherOffset.key()).isEqualTo(a.key());
    assertThat(otherUrl.key()).isNotEqualTo(a.key());
    assertThat(a.key()).startsWith("report:42694e9e57:" + hash + ":click:").hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void recipientsAreOutboundSendsAtTheSendTimeAndUnsubscribesCarryTheReason() {
    Activity sent = EngagementMapping.sent(CAMPAIGN, json("""
        {"email_address":"%s","status":"hard"}""".formatted(ANN)));
    assertThat(sent.type()).isEqualTo(InteractionType.CAMPAIGN_SENT);
    assertThat(sent.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(sent.occurredAt()).isEqualTo(CAMPAIGN.sendTime());
    assertThat(sent.memberKey()).as("the hash of the address when email_id is missing")
        .isEqualTo(MailchimpPeer.hash(ANN));
    assertThat(sent.attributes()).containsEntry("deliveryStatus", "hard");

    Activity unsub = EngagementMapping.unsubscribed(CAMPAIGN, json("""
        {"email_id":"%s","timestamp":"2026-10-02T08:00:00+00:00","reason":"Too many emails"}"""
        .formatted(MailchimpPeer.hash(ANN))));
    assertThat(unsub.type()).isEqualTo(InteractionType.UNSUBSCRIBE);
    assertThat(unsub.attributes()).containsEntry("reason", "Too many emails");
    assertThat(unsub.key()).isNotEqualTo(sent.key());
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    EngagementSettings s = EngagementSettings.from(k -> java.util.Optional.ofNullable(java.util.Map.of(
        "crm.email.mailchimp.engagement.retry.initial-delay", "PT1S",
        "crm.email.mailchimp.engagement.retry.max-delay", "PT5S").get(k)));
    assertThat(s.period()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.lookback()).isEqualTo(Duration.ofDays(30));
    assertThat(List.of(s.backoff(1), s.backoff(2), s.backoff(3), s.backoff(4), s.backoff(30)))
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }

  private static JsonObject json(String s) {
    return Json.createReader(new StringReader(s)).readObject();
  }
}
