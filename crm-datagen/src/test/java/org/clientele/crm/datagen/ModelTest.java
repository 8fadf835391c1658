package org.clientele.crm.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.impl.customer.InputNormalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model: deterministic, valid by the CRM's own normalization rules, and with the distributions it promises. */
class ModelTest {

  static final int N = 20_000;
  static Model model;
  static List<Model.Profile> profiles;

  @BeforeAll
  static void generate() {
    model = new Model(Model.Settings.defaults().withCustomers(N, N * 6L, N * 4L));
    profiles = new ArrayList<>(N);
    for (int k = 0; k < N; k++) {
      profiles.add(model.profile(k));
    }
  }

  @Test
  void theSameSeedGivesByteIdenticalDataWhateverTheThreads(@TempDir Path dir) throws Exception {
    Model.Settings s = Model.Settings.defaults().withCustomers(3_000, 18_000, 12_000);
    DumpWriter.write(new Model(s), dir.resolve("a"), 1);
    DumpWriter.write(new Model(s), dir.resolve("b"), 3);
    DumpWriter.write(new Model(s.withSeed(7)), dir.resolve("c"), 1);
    for (Table t : Table.values()) {
      String name = t.table() + ".copy";
      assertThat(sha256(dir.resolve("a").resolve(name))).as(name).isEqualTo(sha256(dir.resolve("b").resolve(name)));
    }
    assertThat(sha256(dir.resolve("a/crm_customer.copy"))).isNotEqualTo(sha256(dir.resolve("c/crm_customer.copy")));
    assertThat(sha256(dir.resolve("a/crm_purchase.copy"))).isNotEqualTo(sha256(dir.resolve("c/crm_purchase.copy")));
    // and a profile is the same generated alone, out of order
    assertThat(new Model(s).profile(2_999)).isEqualTo(new Model(s).profile(2_999));
  }

  @Test
  void totalsAreNearTheTargets() {
    long purchases = profiles.stream().mapToLong(p -> p.purchases().size()).sum();
    long interactions = profiles.stream().mapToLong(p -> p.interactions().size()).sum();
    assertThat(purchases).isBetween((long) (N * 4 * 0.9), (long) (N * 4 * 1.1));
    assertThat(interactions).isBetween((long) (N * 6 * 0.95), (long) (N * 6 * 1.05));
  }

  @Test
  void purchaseCountsAreHeavyTailed() {
    int[] counts = profiles.stream().mapToInt(p -> p.purchases().size()).sorted().toArray();
    long total = 0;
    for (int c : counts) {
      total += c;
    }
    long top = 0;
    for (int i = counts.length - counts.length / 100; i < counts.length; i++) {
      top += counts[i];
    }
    assertThat((double) top / total).as("share of the top 1 %% of customers").isGreaterThanOrEqualTo(0.20);
    assertThat(counts[counts.length / 2]).as("median").isLessThanOrEqualTo(2);
    long none = java.util.Arrays.stream(counts).filter(c -> c == 0).count();
    assertThat((double) none / N).as("share without a purchase").isBetween(0.3, 0.6);
    assertThat(counts[counts.length - 1]).as("the biggest buyer").isGreaterThanOrEqualTo(100);
  }

  @Test
  void orderValuesAreRightSkewedAndPurchasesPeakBeforeChristmas() {
    List<Long> totals = new ArrayList<>();
    long novDec = 0;
    long all = 0;
    long[] byWeekday = new long[7];
    for (Model.Profile p : profiles) {
      for (Model.Purchase o : p.purchases()) {
        totals.add(o.total());
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(o.placedAt(), 86400));
        if (d.getMonthValue() >= 11) {
          novDec++;
        }
        byWeekday[d.getDayOfWeek().getValue() - 1]++;
        all++;
      }
    }
    totals.sort(Comparator.naturalOrder());
    double mean = totals.stream().mapToLong(Long::longValue).average().orElseThrow();
    long median = totals.get(totals.size() / 2);
    assertThat(mean).as("log-normal-like: mean above median").isGreaterThan(median * 1.2);
    assertThat((double) novDec / all).as("November and December share (2/12 without seasonality)")
        .isGreaterThan(2.0 / 12 * 1.3);
    assertThat(byWeekday[6]).as("Sunday over Tuesday").isGreaterThan(byWeekday[1]);
  }

  @Test
  void emailCampaignEventsDominateTheChannelMix() {
    Map<String, Long> byChannel = new HashMap<>();
    profiles.forEach(p -> p.interactions().forEach(i -> byChannel.merge(i.channel(), 1L, Long::sum)));
    long total = byChannel.values().stream().mapToLong(Long::longValue).sum();
    assertThat((double) byChannel.get("EMAIL") / total).isGreaterThan(0.4);
    assertThat(byChannel.get("EMAIL")).isGreaterThan(byChannel.get("WEB")).isGreaterThan(byChannel.get("PHONE"));
    assertThat(byChannel.keySet()).contains("EMAIL", "WEB", "STORE", "PHONE", "CHAT", "SOCIAL", "SMS", "PUSH",
        "SUPPORT_PORTAL");
  }

  @Test
  void aboutTwoPercentAreDuplicatesOfAnEarlierProfileWithAnotherIdentityAndEmail() {
    List<Model.Profile> duplicates = profiles.stream().filter(p -> p.duplicateOf() > 0).toList();
    assertThat((double) duplicates.size() / N).isBetween(0.012, 0.028);
    for (Model.Profile d : duplicates) {
      Model.Profile original = profiles.get((int) d.duplicateOf() - 1);
      assertThat(d.person().givenName()).isEqualTo(original.person().givenName());
      assertThat(d.person().familyName()).isEqualTo(original.person().familyName());
      assertThat(d.person().email()).isNotEqualTo(original.person().email());
      assertThat(d.duplicateOf()).isLessThan(d.id());
    }
  }

  @Test
  void contactDataPassesTheCrmsNormalizationUnchangedAndIsUnique() {
    InputNormalizer normalizer = new InputNormalizer(null);
    Set<String> emails = new HashSet<>();
    Set<String> phones = new HashSet<>();
    Set<String> identities = new HashSet<>();
    for (Model.Profile p : profiles) {
      List<FieldViolation> violations = new ArrayList<>();
      Model.Person person = p.person();
      if (person.email() != null) {
        assertThat(normalizer.email("email", person.email(), violations)).isEqualTo(person.email());
        assertThat(emails.add(person.email())).as(person.email()).isTrue();
      }
      if (person.phone() != null) {
        assertThat(normalizer.phone("phone", person.phone(), violations)).isEqualTo(person.phone());
        assertThat(phones.add(person.phone())).as(person.phone()).isTrue();
      }
      assertThat(normalizer.language("language", person.language(), violations)).isEqualTo(person.language());
      assertThat(normalizer.country("country", person.address() == null ? "DE" : person.address().country(),
          violations)).isNotNull();
      assertThat(violations).isEmpty();
      if (p.erpId() != null) {
        assertThat(identities.add("ERP/" + p.erpId())).isTrue();
      }
      if (p.shopCustomerId() != null) {
        assertThat(identities.add("STORE/" + p.shopCustomerId())).isTrue();
      }
      assertThat(p.erpId() != null || p.shopCustomerId() != null).as("every profile is known to a system").isTrue();
    }
    long members = profiles.stream().filter(Model.Profile::emailMember).count();
    assertThat((double) members / N).as("email platform members").isBetween(0.4, 0.7);
  }

  @Test
  void purchasesAreConsistentAndEverythingHappensInTheProfilesLifetime() {
    long start = model.start();
    long end = model.end();
    for (Model.Profile p : profiles) {
      long from = Math.max(start, p.createdAt());
      for (Model.Purchase o : p.purchases()) {
        long lines = o.lines().stream().mapToLong(Model.Line::totalCents).sum();
        assertThat(o.subtotal()).isEqualTo(lines);
        assertThat(o.total()).isEqualTo(o.subtotal() - o.discount() + o.shipping() + o.tax());
        assertThat(o.refunded()).isBetween(0L, o.total());
        assertThat(o.placedAt()).isBetween(from, end);
        assertThat(o.history().get(0).status()).isEqualTo("PLACED");
        assertThat(o.history().get(o.history().size() - 1).at()).isEqualTo(o.updatedAt()).isLessThan(end);
      }
      for (Model.Interaction i : p.interactions()) {
        assertThat(i.at()).isBetween(from, end);
        assertThat(i.id() / Model.INTERACTION_STRIDE).isEqualTo(p.id());
      }
      for (Model.Consent c : p.consents()) {
        assertThat(c.decidedAt()).isBetween(p.createdAt(), end);
      }
      assertThat(p.updatedAt()).isGreaterThanOrEqualTo(p.createdAt());
    }
    assertThat(LocalDate.ofEpochDay(end / 86400)).isEqualTo(
        Model.Settings.defaults().referenceDate().atZone(ZoneOffset.UTC).toLocalDate());
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
