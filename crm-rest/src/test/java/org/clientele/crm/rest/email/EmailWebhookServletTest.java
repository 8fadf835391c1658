package org.clientele.crm.rest.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailWebhookServletTest {

  @Test
  void parsesMailchimpsFormEncoding() {
    Map<String, String> form = EmailWebhookServlet.parseForm("type=unsubscribe&fired_at=2009-03-26+21%3A40%3A57"
        + "&data%5Bemail%5D=api%2Bunsub%40mailchimp.com&data[merges][FNAME]=J%C3%BCrgen&data[reason]=&flag");
    assertThat(form).containsEntry("type", "unsubscribe").containsEntry("fired_at", "2009-03-26 21:40:57")
        .containsEntry("data[email]", "api+unsub@mailchimp.com").containsEntry("data[merges][FNAME]", "Jürgen")
        .containsEntry("data[reason]", "").containsEntry("flag", "");
    assertThat(EmailWebhookServlet.parseForm("")).isEmpty();
  }

  @Test
  void refusesBrokenEscapesAndNamelessFields() {
    assertThatThrownBy(() -> EmailWebhookServlet.parseForm("type=%ZZ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmailWebhookServlet.parseForm("=x")).hasMessage("a field has no name");
  }
}
