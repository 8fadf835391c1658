package org.clientele.crm.camel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JmsComponentsTest {

  @Test
  void aThreadFactoryGivesEachListenerAThreadOfItsOwn() throws Exception {
    ThreadFactory factory = Executors.defaultThreadFactory();
    Executor runner = JmsComponents.listenerRunner(factory, "java:comp/DefaultManagedThreadFactory");
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<String> second = new CompletableFuture<>();
    runner.execute(() -> first.complete(Thread.currentThread().getName()));
    runner.execute(() -> second.complete(Thread.currentThread().getName()));
    assertThat(first.get(5, TimeUnit.SECONDS)).startsWith("clientele-jms-listener-");
    assertThat(second.get(5, TimeUnit.SECONDS)).startsWith("clientele-jms-listener-").isNotEqualTo(first.get());
  }

  @Test
  void anExecutorIsUsedAsItIs() {
    Executor direct = Runnable::run;
    assertThat(JmsComponents.listenerRunner(direct, "java:comp/DefaultManagedExecutorService")).isSameAs(direct);
  }

  @Test
  void anythingElseIsAConfigurationError() {
    assertThatThrownBy(() -> JmsComponents.listenerRunner("jms/clienteleCF", "jms/clienteleCF"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("crm.erp.jms.executor");
  }
}
