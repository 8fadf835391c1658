package org.clientele.crm.camel.erp;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.clientele.crm.api.integration.DeadLetterService;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.api.integration.NewDeadLetter;
import org.clientele.crm.camel.support.CorrelationIds;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The host ERP's alternative transport: files dropped into a directory ({@value #DIRECTORY_KEY}).
 * {@code erp-files-in} polls it, claims each file by renaming it into {@code inprogress/}, parses it
 * ({@link ErpFileParser}) and sends its records one by one, in file order, to the apply endpoint of the file's
 * kind ({@code direct:erp-<kind>-apply}, the same routes the JMS transport feeds), then moves it to {@code done/};
 * a file that cannot be read as a whole goes to {@code failed/} with one dead letter.
 *
 * <p>Each record's idempotency key, unless the record carries its own, is derived from the file's content
 * (SHA-256 of its bytes) and the record's position: the same file dropped again, under any name, is a no-op for
 * the ledger, on every server sharing the database.
 *
 * <p>Claiming by an atomic rename on the drop directory's file system, rather than Camel's {@code preMove} or a
 * lock file, is what lets several servers poll one shared directory: exactly one rename of a file succeeds, the
 * others find it gone and leave it. Camel's file consumer only lists the directory, skips hidden and temporary
 * files and waits until a file stops changing ({@code readLock=changed}); it never moves anything itself
 * ({@code noop=true}).
 */
@Dependent
public class ErpFileRoutes extends RouteBuilder {

  public static final String ROUTE_ID = "erp-files-in";
  /** Replays of file-level dead letters ({@link ErpFileDeadLetterReplayer}): the stored file text, parsed again. */
  public static final String REPLAY_ROUTE_ID = "erp-files-replay";
  public static final String REPLAY_ENDPOINT = "direct:erp-files-replay";
  /** Dead letter message type of a file that failed as a whole. */
  public static final String MESSAGE_TYPE = "file";

  static final String ENABLED_KEY = "crm.erp.files.enabled";
  static final String DIRECTORY_KEY = "crm.erp.files.directory";
  static final String KINDS_KEY = "crm.erp.files.kinds";
  static final String MAX_BYTES_KEY = "crm.erp.files.max-bytes";
  static final String PAYLOAD_MAX_BYTES_KEY = "crm.erp.files.dead-letter-payload-max-bytes";
  static final String POLL_MS_KEY = "crm.erp.files.poll-ms";
  static final String STABLE_MS_KEY = "crm.erp.files.stable-ms";
  static final String EXECUTOR_KEY = "crm.erp.files.executor";
  static final String SCHEDULER_BEAN = "crmErpFilesScheduler";
  static final String RECORD_METRIC = "crm.erp.file.records";
  static final String FILE_METRIC = "crm.erp.files";

  /** Headers set on every record sent to an apply endpoint (besides the key and the correlation id). */
  public static final String FILE_NAME_HEADER = "CrmErpFileName";
  public static final String RECORD_HEADER = "CrmErpFileRecord";
  /** Dead letter headers of a failed file: where it is kept, and its kind. */
  public static final String STORED_HEADER = "CrmErpFileStored";
  public static final String KIND_HEADER = "CrmErpFileKind";
  /** Dead letter header: {@code text} when the payload is the file's text, {@code note} when it is a note. */
  public static final String PAYLOAD_HEADER = "CrmErpFilePayload";

  static final String INPROGRESS = "inprogress";
  static final String DONE = "done";
  static final String FAILED = "failed";

  private static final Logger LOG = Logger.getLogger(ErpFileRoutes.class.getName());
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'");
  private static final int MAX_KEY_NAME = 200;

  private final DeadLetterService deadLetters;
  private final MetricRegistry metrics;
  private Path directory;
  private Map<String, String> endpoints;
  private ErpFileParser parser;
  private long maxBytes;
  private long payloadMaxBytes;
  private volatile ProducerTemplate producer;

  @Inject
  public ErpFileRoutes(DeadLetterService deadLetters,
      @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE) MetricRegistry metrics) {
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  @Override
  public void configure() throws Exception {
    CamelContext camel = getContext();
    boolean enabled = Boolean.parseBoolean(camel.resolvePropertyPlaceholders("{{" + ENABLED_KEY + ":true}}"));
    String configured = camel.getPropertiesComponent().resolveProperty(DIRECTORY_KEY).orElse("").strip();
    if (!enabled || configured.isEmpty()) {
      LOG.info(() -> "ERP file drop off (" + (enabled ? DIRECTORY_KEY + " is not set" : ENABLED_KEY + "=false")
          + "): route " + ROUTE_ID + " not created");
      return;
    }
    if (configured.matches(".*[?&#%].*")) {
      throw new IllegalStateException(DIRECTORY_KEY + "=" + configured + ": the path must not contain ?, &, # or %");
    }
    directory = Path.of(configured).toAbsolutePath().normalize();
    endpoints = new LinkedHashMap<>();
    for (String kind : camel.resolvePropertyPlaceholders("{{" + KINDS_KEY + ":customers,orders,consents}}")
        .split(",")) {
      String k = kind.strip().toLowerCase(java.util.Locale.ROOT);
      if (!k.isEmpty()) {
        endpoints.put(k, camel.resolvePropertyPlaceholders(
            "{{crm.erp.files." + k + ".endpoint:direct:erp-" + k + "-apply}}"));
      }
    }
    parser = new ErpFileParser(endpoints.keySet());
    maxBytes = Long.parseLong(camel.resolvePropertyPlaceholders("{{" + MAX_BYTES_KEY + ":52428800}}"));
    payloadMaxBytes = Long.parseLong(camel.resolvePropertyPlaceholders("{{" + PAYLOAD_MAX_BYTES_KEY + ":500000}}"));
    long pollMs = Long.parseLong(camel.resolvePropertyPlaceholders("{{" + POLL_MS_KEY + ":2000}}"));
    long stableMs = Long.parseLong(camel.resolvePropertyPlaceholders("{{" + STABLE_MS_KEY + ":1000}}"));
    try {
      for (String sub : List.of(INPROGRESS, DONE, FAILED)) {
        Files.createDirectories(directory.resolve(sub));
      }
    } catch (IOException e) {
      throw new IllegalStateException(DIRECTORY_KEY + "=" + directory + ": the directory or its " + INPROGRESS + "/, "
          + DONE + "/ and " + FAILED + "/ cannot be created (" + e.getClass().getSimpleName() + ")", e);
    }
    try (var leftovers = Files.list(directory.resolve(INPROGRESS))) {
      long count = leftovers.count();
      if (count > 0) {
        LOG.warning(() -> "ERP file drop: " + count + " file(s) in " + directory.resolve(INPROGRESS)
            + ", left by a server that stopped while processing them (unless another server is at it now):"
            + " move them back into the drop directory to process them again");
      }
    }

    // Hidden files and *.tmp / *.part are being written (writers write, then rename); sub-directories are not
    // scanned (recursive=false). readLock=changed with a minimum age: a file is taken once it has not been
    // modified for stable-ms; that lock is not exclusive, the claim by rename (processFile) is.
    String uri = "file:" + directory + "?noop=true&idempotent=false&recursive=false"
        + "&exclude=RAW((?i)^(\\..*|.*\\.(tmp|part))$)"
        + "&readLock=changed&readLockCheckInterval=" + Math.max(10, stableMs / 2)
        + "&readLockMinAge=" + stableMs + "&readLockMinLength=0"
        + "&readLockTimeout=" + Math.max(10_000, stableMs * 10)
        + "&readLockLoggingLevel=OFF"
        + "&delay=" + pollMs + "&sortBy=file:modified;file:name";
    if (managedScheduler(camel)) {
      uri += "&scheduledExecutorService=#" + SCHEDULER_BEAN;
    }
    from(uri)
        .routeId(ROUTE_ID)
        .process(this::processFile);
    from(REPLAY_ENDPOINT)
        .routeId(REPLAY_ROUTE_ID)
        .process(this::replayFile);
    LOG.info(() -> "ERP file drop: " + directory + " polled every " + pollMs + " ms for kinds " + endpoints.keySet());
  }

  /**
   * Polls on the server's managed scheduled executor ({@value #EXECUTOR_KEY}), so that the CRM services the apply
   * routes call run with the application's context (on a thread of Camel's own pool, Bean Validation and other
   * container services are not reachable). Without JNDI (unit tests) Camel's own scheduler polls.
   */
  private static boolean managedScheduler(CamelContext camel) {
    String name = camel.resolvePropertyPlaceholders(
        "{{" + EXECUTOR_KEY + ":java:comp/DefaultManagedScheduledExecutorService}}").strip();
    if (name.isEmpty()) {
      return false;
    }
    try {
      Object executor = new javax.naming.InitialContext().lookup(name);
      camel.getRegistry().bind(SCHEDULER_BEAN, ScheduledExecutorService.class, (ScheduledExecutorService) executor);
      return true;
    } catch (javax.naming.NamingException | RuntimeException e) {
      LOG.info(() -> "ERP file drop: no managed scheduled executor at " + name + " (" + e.getClass().getSimpleName()
          + "); Camel's scheduler polls");
      return false;
    }
  }

  /** Claims, parses, sends and moves one file; every failure ends in failed/ and never escapes the route. */
  private void processFile(Exchange exchange) {
    String correlationId = CorrelationIds.ensure(exchange);
    String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    Path dropped = directory.resolve(name);
    String stamped = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)) + "-" + name;
    Path claimed = directory.resolve(INPROGRESS).resolve(stamped);
    try {
      Files.move(dropped, claimed, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      LOG.fine(() -> "ERP file " + name + " taken by another server (correlation " + correlationId + ")");
      return;
    } catch (AtomicMoveNotSupportedException e) {
      LOG.severe(() -> "ERP file drop " + directory + ": the file system cannot rename atomically; " + name
          + " left in place (correlation " + correlationId + ")");
      return;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "ERP file " + name + " could not be claimed (correlation " + correlationId
          + "); tried again at the next poll", e);
      return;
    }

    String kind = "unknown";
    String sha256 = null;
    byte[] bytes = null;
    try {
      long size = Files.size(claimed);
      if (size > maxBytes) {
        throw new ErpFileException(ErpFileException.TOO_LARGE, "the file has " + size + " bytes, more than "
            + MAX_BYTES_KEY + "=" + maxBytes);
      }
      bytes = Files.readAllBytes(claimed);
      sha256 = ErpFileParser.sha256(bytes);
      kind = parser.kind(name);
      ErpFileParser.ParsedFile parsed = parser.parse(name, bytes);
      int[] outcomes = send(parsed, name, correlationId);
      move(claimed, DONE, stamped);
      count(FILE_METRIC, kind, "done");
      String doneKind = kind;
      LOG.info(() -> "ERP file " + name + " done: " + doneKind + ", " + parsed.records().size() + " records, "
          + outcomes[0] + " processed, " + outcomes[1] + " dead-lettered, sha256 " + parsed.sha256()
          + " (correlation " + correlationId + ")");
    } catch (ErpFileException e) {
      rejected(claimed, stamped, name, kind, bytes, sha256, e, correlationId);
    } catch (IOException | RuntimeException e) {
      rejected(claimed, stamped, name, kind, bytes, sha256,
          new ErpFileException(ErpFileException.MALFORMED, "the file could not be processed: "
              + e.getClass().getSimpleName(), e), correlationId);
    }
  }

  /**
   * A parked file's text, processed again as if dropped under its name: the same keys (the content is the same),
   * so records applied before are skipped. A failure is reported to the replay, not parked again.
   */
  private void replayFile(Exchange exchange) {
    String correlationId = CorrelationIds.ensure(exchange);
    String name = exchange.getMessage().getHeader(FILE_NAME_HEADER, String.class);
    try {
      if (name == null || name.isBlank()) {
        throw new ErpFileException(ErpFileException.MALFORMED, "the dead letter has no header " + FILE_NAME_HEADER);
      }
      byte[] bytes = exchange.getMessage().getBody(String.class).getBytes(StandardCharsets.UTF_8);
      ErpFileParser.ParsedFile parsed = parser.parse(name, bytes);
      int[] outcomes = send(parsed, name, correlationId);
      count(FILE_METRIC, parsed.kind(), "replayed");
      LOG.info(() -> "ERP file " + name + " replayed: " + parsed.kind() + ", " + parsed.records().size()
          + " records, " + outcomes[0] + " processed, " + outcomes[1] + " dead-lettered (correlation "
          + correlationId + ")");
    } catch (ErpFileException e) {
      exchange.setProperty(ErpCustomerRoutes.FAILURE_PROPERTY, e.reasonType() + ": " + e.getMessage());
    }
  }

  /** Sends each record; returns {processed, dead-lettered}. A record failing unexpectedly stops the file. */
  private int[] send(ErpFileParser.ParsedFile parsed, String name, String correlationId) {
    String endpoint = endpoints.get(parsed.kind());
    ProducerTemplate template = producer();
    int processed = 0;
    int parked = 0;
    List<String> records = parsed.records();
    for (int i = 0; i < records.size(); i++) {
      int number = i + 1;
      String record = records.get(i);
      String key = recordKey(parsed.sha256(), number);
      Exchange result = template.send(endpoint, ex -> {
        ex.getMessage().setBody(record);
        ex.getMessage().setHeader(ErpCustomerRoutes.MESSAGE_ID_HEADER, key);
        ex.getMessage().setHeader(CorrelationIds.HEADER, correlationId);
        ex.getMessage().setHeader(FILE_NAME_HEADER, name);
        ex.getMessage().setHeader(RECORD_HEADER, number);
      });
      if (result.getException() != null) {
        count(RECORD_METRIC, parsed.kind(), "failed");
        throw new ErpFileException(ErpFileException.RECORD_FAILED, "record " + number + " of " + records.size()
            + " failed (" + ErpCustomerRoutes.reason(result.getException()) + "); the records before it are"
            + " applied, drop the file again to apply the rest", result.getException());
      }
      if (result.getProperty(Exchange.EXCEPTION_CAUGHT) != null) {
        parked++;
        count(RECORD_METRIC, parsed.kind(), "dead-lettered");
      } else {
        processed++;
        count(RECORD_METRIC, parsed.kind(), "processed");
      }
    }
    return new int[] {processed, parked};
  }

  /** The key of a record without its own: the file's content hash and the record's number (from 1). */
  static String recordKey(String sha256, int number) {
    return "file:" + sha256 + ":" + number;
  }

  /** The key of a file-level dead letter: the file name (cut to 200 characters) and its content hash. */
  static String fileKey(String name, String sha256) {
    String shortName = name.length() > MAX_KEY_NAME ? name.substring(0, MAX_KEY_NAME) : name;
    return shortName + "#" + (sha256 == null ? "unread" : sha256);
  }

  /** Parks one dead letter for the file, then moves it to failed/ (in that order: a poller of failed/ sees both). */
  private void rejected(Path claimed, String stamped, String name, String kind, byte[] bytes, String sha256,
      ErpFileException failure, String correlationId) {
    String stored = FAILED + "/" + stamped;
    String payload;
    if (bytes == null) {
      payload = "(the file was not read: " + failure.reasonType() + "; it is kept as " + stored + ")";
    } else if (bytes.length > payloadMaxBytes) {
      payload = "(the file has " + bytes.length + " bytes, more than " + PAYLOAD_MAX_BYTES_KEY + "="
          + payloadMaxBytes + "; it is kept as " + stored + ")";
    } else {
      payload = new String(bytes, StandardCharsets.UTF_8);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(FILE_NAME_HEADER, name);
    headers.put(STORED_HEADER, stored);
    headers.put(KIND_HEADER, kind);
    headers.put(PAYLOAD_HEADER, bytes != null && bytes.length <= payloadMaxBytes ? "text" : "note");
    String letter;
    try {
      letter = "dead letter " + deadLetters.park(new NewDeadLetter(MessageDirection.INBOUND,
          ErpCustomerApplier.SYSTEM, ROUTE_ID, MESSAGE_TYPE, fileKey(name, sha256), null, payload, headers,
          failure.getMessage(), failure.reasonType(), 1, correlationId)).id();
    } catch (RuntimeException e) {
      letter = "no dead letter (parking failed: " + e.getClass().getSimpleName() + ")";
      LOG.log(Level.SEVERE, "ERP file " + name + ": its dead letter could not be parked (correlation "
          + correlationId + ")", e);
    }
    try {
      move(claimed, FAILED, stamped);
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "ERP file " + name + " could not be moved to " + FAILED + "/ and stays in "
          + INPROGRESS + "/ (correlation " + correlationId + ")", e);
    }
    count(FILE_METRIC, kind, "failed");
    String parked = letter;
    LOG.warning(() -> "ERP file " + name + " failed (" + failure.reasonType() + "), moved to " + stored + ", "
        + parked + " (correlation " + correlationId + ")");
  }

  private void move(Path claimed, String target, String stamped) throws IOException {
    Files.move(claimed, directory.resolve(target).resolve(stamped), StandardCopyOption.ATOMIC_MOVE);
  }

  private ProducerTemplate producer() {
    ProducerTemplate template = producer;
    if (template == null) {
      template = getContext().createProducerTemplate();
      producer = template;
    }
    return template;
  }

  private void count(String metric, String kind, String outcome) {
    if (metrics != null) {
      metrics.counter(metric, new Tag("kind", kind), new Tag("outcome", outcome)).inc();
    }
  }

}
