package org.clientele.crm.impl.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.clientele.crm.api.email.EmailMember;
import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * crm_email_member on H2 and (when reachable) PostgreSQL: stored, replaced, read (also locking), listed per customer,
 * deleted.
 */
class EmailMemberStoreTest {

  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void onH2() throws Exception {
    check(TestDatabases.migratedH2("email-members"));
  }

  @Test
  void onPostgres() throws Exception {
    check(TestDatabases.migratedPostgresSchema("crm_unit_email_members"));
  }

  private static void check(DataSource dataSource) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      EmailMember first = new EmailMember("mailchimp", "L1", 7, "a@example.com", "hash-a", "subscribed", T1, null, T1);
      EmailMemberStore.store(c, first);
      assertThat(EmailMemberStore.find(c, "mailchimp", "L1", 7)).contains(first);

      EmailMember moved = new EmailMember("mailchimp", "L1", 7, "b@example.com", "hash-b", "unsubscribed",
          T1.plusSeconds(60), T1.plusSeconds(61), T1.plusSeconds(62));
      EmailMemberStore.store(c, moved);
      EmailMemberStore.store(c, new EmailMember("mailchimp", "L2", 7, "b@example.com", "hash-b", null, null, null, T1));
      assertThat(EmailMemberStore.find(c, "mailchimp", "L1", 7)).contains(moved);
      assertThat(EmailMemberStore.ofCustomer(c, 7)).extracting(EmailMember::audience).containsExactly("L1", "L2");
      assertThat(EmailMemberStore.find(c, "mailchimp", "L1", 8)).isEmpty();
      // the locking read of a write decided on it (answers and webhooks): the same member, the row locked
      c.setAutoCommit(false);
      assertThat(EmailMemberStore.find(c, "mailchimp", "L1", 7, true)).contains(moved);
      c.commit();
      c.setAutoCommit(true);

      assertThat(EmailMemberStore.delete(c, "mailchimp", "L1", 7)).isEqualTo(1);
      assertThat(EmailMemberStore.ofCustomer(c, 7)).extracting(EmailMember::audience).isEqualTo(List.of("L2"));
    }
  }
}
