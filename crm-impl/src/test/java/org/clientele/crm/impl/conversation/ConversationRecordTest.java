package org.clientele.crm.impl.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.clientele.crm.api.conversation.Conversation;
import org.clientele.crm.api.conversation.ConversationStatus;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.Direction;
import org.junit.jupiter.api.Test;

class ConversationRecordTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static ConversationRecord opened() {
    ConversationRecord c = new ConversationRecord(7, "Order question", Channel.SOCIAL, T0, null);
    try {
      // the id comes from the database sequence; set as persisting would
      java.lang.reflect.Field id = ConversationRecord.class.getDeclaredField("id");
      id.setAccessible(true);
      id.set(c, 1L);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    c.join(Channel.SOCIAL, Direction.INBOUND, T0, "Order question");
    return c;
  }

  @Test
  void theFirstAnswerIsTheFirstResponseAndEndsTheWait() {
    ConversationRecord c = opened();
    assertThat(c.toConversation().waitingSince()).isEqualTo(T0);
    c.join(Channel.EMAIL, Direction.OUTBOUND, T0.plusSeconds(7200), null);
    c.join(Channel.EMAIL, Direction.OUTBOUND, T0.plusSeconds(9000), null);
    Conversation view = c.toConversation();
    assertThat(view.firstResponseSeconds()).isEqualTo(7200);
    assertThat(view.waitingSince()).isNull();
    assertThat(view.channels()).containsExactly(Channel.SOCIAL, Channel.EMAIL);
    assertThat(view.interactionCount()).isEqualTo(3);
  }

  @Test
  void aLateArrivingMessageThatWasAlreadyAnsweredDoesNotWait() {
    ConversationRecord c = opened();
    c.join(Channel.EMAIL, Direction.OUTBOUND, T0.plusSeconds(3600), null);
    c.join(Channel.CHAT, Direction.INBOUND, T0.plusSeconds(1800), null); // recorded late, answered since
    assertThat(c.toConversation().waitingSince()).isNull();
    c.join(Channel.CHAT, Direction.INBOUND, T0.plusSeconds(5400), null);
    assertThat(c.toConversation().waitingSince()).isEqualTo(T0.plusSeconds(5400));
  }

  @Test
  void anInboundMessageReopensAResolvedConversationAndAnsweringPendingReopensItToo() {
    ConversationRecord c = opened();
    assertThat(c.changeStatus(ConversationStatus.RESOLVED, T0.plusSeconds(86400))).isTrue();
    assertThat(c.toConversation().resolutionSeconds()).isEqualTo(86400);
    assertThat(c.join(Channel.EMAIL, Direction.INBOUND, T0.plusSeconds(90000), null)).isTrue();
    Conversation reopened = c.toConversation();
    assertThat(reopened.status()).isEqualTo(ConversationStatus.OPEN);
    assertThat(reopened.resolvedAt()).isNull();
    assertThat(reopened.reopenCount()).isEqualTo(1);

    c.changeStatus(ConversationStatus.PENDING, T0.plusSeconds(91000));
    assertThat(c.join(Channel.PHONE, Direction.INBOUND, T0.plusSeconds(92000), null)).isFalse();
    assertThat(c.toConversation().status()).isEqualTo(ConversationStatus.OPEN);
  }

  @Test
  void internalNotesCountButNeitherWaitNorAnswer() {
    ConversationRecord c = opened();
    c.join(Channel.IN_PERSON, Direction.INTERNAL, T0.plusSeconds(60), null);
    Conversation view = c.toConversation();
    assertThat(view.firstResponseAt()).isNull();
    assertThat(view.waitingSince()).isEqualTo(T0);
    assertThat(view.interactionCount()).isEqualTo(2);
  }
}
