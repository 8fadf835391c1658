package org.clientele.crm.impl.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.clientele.crm.impl.persistence.TestDatabases;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link DefaultLeadership}s (two servers) on one H2 database with a one-second lease renewed every 200 ms:
 * one holder at a time, an orderly stop hands over at once, a dead holder's lease is taken over after its expiry,
 * and the dead holder stops counting itself the holder before that.
 */
class DefaultLeadershipTest {

  private final DataSource db = TestDatabases.migratedH2("leadership");
  private final ScheduledExecutorService threadsA = Executors.newScheduledThreadPool(1);
  private final ScheduledExecutorService threadsB = Executors.newScheduledThreadPool(1);

  @AfterEach
  void stopThreads() {
    threadsA.shutdownNow();
    threadsB.shutdownNow();
  }

  @Test
  void oneHolderAtATimeWithHandOverAndTakeOver() throws Exception {
    DefaultLeadership a = leadership("node-a", threadsA);
    DefaultLeadership b = leadership("node-b", threadsB);

    assertThat(a.isLeader("job")).as("the first to ask takes the free lease").isTrue();
    assertThat(b.isLeader("job")).isFalse();
    // renewals keep it with a (well past one lease duration)
    long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
    while (System.nanoTime() < until) {
      assertThat(a.isLeader("job") && b.isLeader("job")).as("never both").isFalse();
      Thread.sleep(50); // sampling, not synchronisation
    }
    assertThat(a.isLeader("job")).isTrue();
    assertThat(a.leases()).singleElement().satisfies(l -> {
      assertThat(l.holder()).isEqualTo("node-a");
      assertThat(l.heldHere()).isTrue();
      assertThat(l.epoch()).isEqualTo(1);
    });
    assertThat(b.leases()).singleElement().satisfies(l -> assertThat(l.heldHere()).isFalse());

    // an orderly stop hands over at b's next attempt
    a.stop();
    assertThat(a.isLeader("job")).isFalse();
    awaitTrue(() -> b.isLeader("job"), Duration.ofSeconds(2));
    assertThat(b.leases()).singleElement().satisfies(l -> assertThat(l.epoch()).isEqualTo(2));

    // b dies (its renewals stop, no release): it stops counting itself the holder before its lease expires
    // in the database, and a new server takes it over after the expiry
    threadsB.shutdownNow();
    DefaultLeadership c = leadership("node-c", Executors.newScheduledThreadPool(1));
    assertThat(c.isLeader("job")).isFalse();
    awaitTrue(() -> !b.isLeader("job"), Duration.ofSeconds(2));
    assertThat(c.isLeader("job")).as("not before the database's expiry").isFalse();
    awaitTrue(() -> c.isLeader("job"), Duration.ofSeconds(3));
    assertThat(c.leases()).singleElement().satisfies(l -> {
      assertThat(l.holder()).isEqualTo("node-c");
      assertThat(l.epoch()).isEqualTo(3);
    });
    c.stop();
  }

  @Test
  void offMeansThisServerAlone() {
    DefaultLeadership alone = leadership("node-a", threadsA);
    alone.enabled = false;
    assertThat(alone.isLeader("anything")).isTrue();
  }

  private static void awaitTrue(BooleanSupplier condition, Duration atMost) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition within " + atMost).isNegative();
      Thread.sleep(20);
    }
  }

  private DefaultLeadership leadership(String node, ScheduledExecutorService threads) {
    DefaultLeadership l = new DefaultLeadership();
    l.enabled = true;
    l.duration = "PT1S";
    l.renewPeriod = "PT0.2S";
    l.node = new NodeIdentity(Optional.of(node));
    l.dataSource = db;
    l.executor = proxy(ManagedScheduledExecutorService.class, (p, m, args) -> invoke(threads, m, args));
    l.registry = proxy(MetricRegistry.class, (p, m, args) -> m.getName().equals("counter")
        ? proxy(Counter.class, (cp, cm, cargs) -> null) : null);
    return l;
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
