package org.clientele.crm.rest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class StoreWebhookServletTest {

  @Test
  void aBodyUpToTheLimitIsReadWhole() throws IOException {
    byte[] body = new byte[1000];
    body[999] = 7;
    assertThat(StoreWebhookServlet.read(new ByteArrayInputStream(body), 1000)).isEqualTo(body);
    assertThat(StoreWebhookServlet.read(new ByteArrayInputStream(new byte[0]), 1000)).isEmpty();
  }

  @Test
  void readingStopsOnceTheLimitIsPassedWhateverContentLengthSaid() throws IOException {
    // an endless body: the read must give up after the limit instead of buffering it
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'x';
      }
    };
    assertThat(StoreWebhookServlet.read(endless, 50_000)).isNull();
    assertThat(StoreWebhookServlet.read(new ByteArrayInputStream(new byte[1001]), 1000)).isNull();
  }
}
