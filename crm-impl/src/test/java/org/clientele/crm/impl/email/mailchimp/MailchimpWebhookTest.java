package org.clientele.crm.impl.email.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.clientele.crm.api.customer.CustomerUpdate;
import org.clientele.crm.api.interaction.InteractionType;
import org.clientele.crm.api.interaction.NewInteraction;
import org.junit.jupiter.api.Test;

class MailchimpWebhookTest {

  private static Map<String, String> form(String... pairs) {
    Map<String, String> form = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.put(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  private static Map<String, String> unsubscribe() {
    return form("type", "unsubscribe", "fired_at", "2009-03-26 21:40:57", "data[list_id]", "a6b5da1054",
        "data[email]", "Api+Unsub@Mailchimp.com", "data[id]", "8a25ff1d98", "data[action]", "unsub",
        "data[reason]", "manual", "data[campaign_id]", "cb398d21d2", "data[merges][FNAME]", "Mail");
  }

  @Test
  void parsesTheDocumentedFields() {
    MailchimpWebhook hook = MailchimpWebhook.parse(unsubscribe());
    assertThat(hook.type()).isEqualTo("unsubscribe");
    assertThat(hook.firedAt()).isEqualTo(Instant.parse("2009-03-26T21:40:57Z"));
    assertThat(hook.listId()).isEqualTo("a6b5da1054");
    assertThat(hook.memberEmail()).isEqualTo("Api+Unsub@Mailchimp.com");
    assertThat(hook.data("reason")).isEqualTo("manual");
    assertThat(hook.merge("FNAME")).isEqualTo("Mail");
  }

  @Test
  void firedAtIsUtcInMailchimpsFormatOnly() {
    assertThat(MailchimpWebhook.firedAt("2024-01-31 23:59:59")).isEqualTo(Instant.parse("2024-01-31T23:59:59Z"));
    for (String bad : new String[] {"2024-01-31T23:59:59Z", "2024-02-30 10:00:00", "yesterday", " "}) {
      assertThatThrownBy(() -> MailchimpWebhook.firedAt(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("fired_at");
    }
  }

  @Test
  void refusesUnknownTypesAndMissingFieldsWithoutQuotingValues() {
    Map<String, String> f = unsubscribe();
    f.put("type", "subscribed");
    assertThatThrownBy(() -> MailchimpWebhook.parse(f)).hasMessageContaining("type is not one of");
    Map<String, String> g = unsubscribe();
    g.remove("data[email]");
    assertThatThrownBy(() -> MailchimpWebhook.parse(g)).hasMessage("data[email] is required for this type");
    Map<String, String> h = unsubscribe();
    h.remove("data[list_id]");
    assertThatThrownBy(() -> MailchimpWebhook.parse(h)).hasMessage("data[list_id] is required");
    assertThatThrownBy(() -> MailchimpWebhook.parse(form("type", "upemail", "fired_at", "2009-03-26 22:15:09",
        "data[list_id]", "l", "data[new_email]", "new@example.com")))
        .hasMessage("data[old_email] is required for this type");
    assertThatThrownBy(() -> MailchimpWebhook.parse(form())).hasMessage("type is required");
  }

  @Test
  void theKeyIsTheSameForARedeliveryAndHoldsNoAddress() {
    String key = MailchimpWebhook.parse(unsubscribe()).key();
    assertThat(MailchimpWebhook.parse(unsubscribe()).key()).isEqualTo(key);
    assertThat(key).startsWith("mailchimp:").doesNotContain("Mailchimp.com").hasSize(10 + 64);
    Map<String, String> later = unsubscribe();
    later.put("fired_at", "2009-03-26 21:40:58");
    assertThat(MailchimpWebhook.parse(later).key()).isNotEqualTo(key);
    Map<String, String> subscribe = unsubscribe();
    subscribe.put("type", "subscribe");
    assertThat(MailchimpWebhook.parse(subscribe).key()).isNotEqualTo(key);
  }

  @Test
  void upemailIsKeyedByTheOldAddress() {
    MailchimpWebhook hook = MailchimpWebhook.parse(form("type", "upemail", "fired_at", "2009-03-26 22:15:09",
        "data[list_id]", "a6b5da1054", "data[new_id]", "51aa6109e8", "data[new_email]", "api+new@mailchimp.com",
        "data[old_email]", "api+old@mailchimp.com"));
    assertThat(hook.memberEmail()).isEqualTo("api+old@mailchimp.com");
    assertThat(hook.data("new_email")).isEqualTo("api+new@mailchimp.com");
  }

  @Test
  void secretsAreComparedWhole() {
    assertThat(MailchimpWebhook.secretMatches("s3cret-Value", "s3cret-Value")).isTrue();
    assertThat(MailchimpWebhook.secretMatches("s3cret-Value", "s3cret-value")).isFalse();
    assertThat(MailchimpWebhook.secretMatches("s3cret-Value", "s3cret")).isFalse();
    assertThat(MailchimpWebhook.secretMatches("s3cret-Value", "")).isFalse();
    assertThat(MailchimpWebhook.secretMatches("s3cret-Value", null)).isFalse();
    assertThat(MailchimpWebhook.secretMatches(null, "anything")).isFalse();
    assertThat(MailchimpWebhook.secretMatches("", "")).isFalse();
  }

  @Test
  void inboundMergeFieldsApplyOnlyTheMappedTags() {
    Map<String, String> mapping = InboundMergeFields.parse("FNAME:givenName, LNAME:familyName");
    assertThat(mapping).containsExactly(Map.entry("FNAME", "givenName"), Map.entry("LNAME", "familyName"));
    CustomerUpdate current = new CustomerUpdate("Ann", "Old", "a@example.com", "+4930123", null, "de", null, null,
        null, Set.of("vip"), Map.of("tier", "gold"));
    MailchimpWebhook hook = MailchimpWebhook.parse(form("type", "profile", "fired_at", "2009-03-26 21:31:21",
        "data[list_id]", "l", "data[email]", "a@example.com", "data[merges][FNAME]", " Anna ",
        "data[merges][LNAME]", "", "data[merges][PHONE]", "+1555"));
    CustomerUpdate changed = InboundMergeFields.apply(current, mapping, hook);
    assertThat(changed.givenName()).isEqualTo("Anna");
    assertThat(changed.familyName()).as("empty in Mailchimp clears").isNull();
    assertThat(changed.phone()).as("not mapped").isEqualTo("+4930123");
    assertThat(changed.email()).isEqualTo("a@example.com");
    assertThat(changed.tags()).containsExactly("vip");
    assertThat(changed.attributes()).containsEntry("tier", "gold");
    assertThat(InboundMergeFields.parse("")).isEmpty();
    assertThatThrownBy(() -> InboundMergeFields.parse("FNAME:email")).hasMessageContaining("inbound-merge-fields");
    assertThatThrownBy(() -> InboundMergeFields.parse("fname:givenName")).hasMessageContaining("TAG:field");
  }

  @Test
  void unsubscribeAndCleanedBecomeInteractionsOnTheEmailChannel() {
    NewInteraction unsub = MailchimpWebhookReceiver.interaction(7, MailchimpWebhook.parse(unsubscribe()));
    assertThat(unsub.type()).isEqualTo(InteractionType.UNSUBSCRIBE);
    assertThat(unsub.attributes()).containsEntry("reason", "manual").containsEntry("action", "unsub")
        .containsEntry("campaignId", "cb398d21d2").doesNotContainValue("Api+Unsub@Mailchimp.com");
    assertThat(unsub.sourceEventId()).isEqualTo(MailchimpWebhook.parse(unsubscribe()).key());
    Map<String, String> cleaned = unsubscribe();
    cleaned.put("type", "cleaned");
    cleaned.put("data[reason]", "hard");
    NewInteraction bounce = MailchimpWebhookReceiver.interaction(7, MailchimpWebhook.parse(cleaned));
    assertThat(bounce.type()).isEqualTo(InteractionType.CAMPAIGN_BOUNCED);
    assertThat(MailchimpWebhookApplier.reasons(MailchimpWebhook.parse(cleaned)))
        .isEqualTo(" (reason=hard, action=unsub, campaign_id=cb398d21d2)");
  }
}
