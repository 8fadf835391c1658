package org.clientele.crm.camel.email.mailchimp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in for Mailchimp's Marketing API v3 on loopback, for tests: the audience members of the
 * lists under {@code /3.0/lists/{list}/members/{hash}} as documented — PUT upsert by subscriber hash (a PUT to an
 * existing member's hash with another {@code email_address} changes its address; {@code status_if_new} for new
 * members; {@code status} applied, except that a cleaned member's status cannot be changed: "Member In
 * Compliance State"), GET, {@code POST .../actions/delete-permanent}; Basic auth (any user, the API key as password);
 * errors as {@code application/problem+json}. Test controls: unsubscribe or clean a member "in Mailchimp",
 * inject 429s (Mailchimp's answer above 10 simultaneous connections), slow answers down, count the requests in
 * flight; change a member's address "in Mailchimp". Tags: {@code POST .../members/{hash}/tags} with
 * {@code {"tags":[{"name","status":"active"|"inactive"}],"is_syncing"}} (204; 404 for an unknown member), the
 * active tags and the last {@code is_syncing} kept per member. Reports ({@code /3.0/reports...}, for the engagement
 * import): {@link #reports()}, see {@link MailchimpReportsPeer}. Addresses at {@code fake.example} are refused as
 * Mailchimp refuses fake-looking ones (400).
 * Batch operations: {@code POST /3.0/batches} (operations run one by one on a worker thread, status {@code pending}
 * → {@code started} → {@code finalizing} → {@code finished}, each operation answered as its own request would be),
 * {@code GET /3.0/batches/{id}}, the results as a gzipped tar at {@code response_body_url}; batches can be held
 * {@code pending} (test control).
 */
public final class MailchimpPeer implements AutoCloseable {

  /** One member, as stored. */
  public record Member(String id, String email, String status, Map<String, String> mergeFields, String language,
      Instant lastChanged) {}

  private static final Pattern MEMBER = Pattern.compile("/3\\.0/lists/([^/]+)/members/([0-9a-f]{32})(/actions/delete-permanent|/tags)?");
  private static final DateTimeFormatter MAILCHIMP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(40);
  private final String apiKey;
  private final Map<String, Map<String, Member>> lists = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Boolean>> tags = new ConcurrentHashMap<>();
  private final Map<String, Boolean> tagSyncing = new ConcurrentHashMap<>();
  private final Set<String> deletedPermanently = ConcurrentHashMap.newKeySet();
  private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  /** The in-flight count this handler thread's request is still counted in, if any. */
  private static final ThreadLocal<AtomicInteger> COUNTED = new ThreadLocal<>();
  private volatile long delayMillis;
  /** While set, PUTs of its member are applied at once and answered when it opens: a client recording late. */
  private volatile HeldAnswers heldAnswers;

  private record HeldAnswers(String hash, java.util.concurrent.CountDownLatch release) {}
  private final MailchimpReportsPeer reports = new MailchimpReportsPeer();

  private MailchimpPeer(int port, String apiKey) throws IOException {
    this.apiKey = apiKey;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
    server.setExecutor(threads);
    server.createContext("/3.0/", this::handle);
    server.createContext("/3.0/batches", this::handleBatches);
    server.createContext("/batch-results/", this::batchResults);
    server.start();
  }

  /** Starts on loopback; port 0 picks a free one. */
  public static MailchimpPeer start(int port, String apiKey) throws IOException {
    return new MailchimpPeer(port, apiKey);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/3.0";
  }

  public static String hash(String email) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- test controls

  public Optional<Member> member(String list, String email) {
    return Optional.ofNullable(members(list).get(hash(email)));
  }

  /** Every member of the list. */
  public List<Member> all(String list) {
    return List.copyOf(members(list).values());
  }

  /** The member unsubscribes (or is cleaned) in Mailchimp at the given time. */
  public void setStatus(String list, String email, String status, Instant at) {
    members(list).computeIfPresent(hash(email), (h, m) -> new Member(m.id(), m.email(), status, m.mergeFields(),
        m.language(), at.truncatedTo(ChronoUnit.SECONDS)));
  }

  /** A member joins "in Mailchimp" (e.g. by a signup form) with the given status. */
  public void addMember(String list, String email, String status, Instant at) {
    members(list).put(hash(email), new Member(hash(email), email, status, Map.of(), null,
        at.truncatedTo(ChronoUnit.SECONDS)));
  }

  /** The member's address changes in Mailchimp (its hash with it), as a subscriber's own email change does. */
  public synchronized void changeEmail(String list, String oldEmail, String newEmail, Instant at) {
    Member m = members(list).remove(hash(oldEmail));
    if (m != null) {
      members(list).put(hash(newEmail), new Member(hash(newEmail), newEmail, m.status(), m.mergeFields(),
          m.language(), at.truncatedTo(ChronoUnit.SECONDS)));
      Map<String, Boolean> t = tags.remove(list + "/" + hash(oldEmail));
      if (t != null) {
        tags.put(list + "/" + hash(newEmail), t);
      }
    }
  }

  /** The member's tags by name: true active, false inactive (a tag never set is absent). */
  public Map<String, Boolean> tags(String list, String email) {
    return Map.copyOf(tags.getOrDefault(list + "/" + hash(email), Map.of()));
  }

  /** The {@code is_syncing} of the member's last tags request, or null. */
  public Boolean lastTagSyncing(String list, String email) {
    return tagSyncing.get(list + "/" + hash(email));
  }

  public boolean deletedPermanently(String list, String hash) {
    return deletedPermanently.contains(list + "/" + hash);
  }

  /** The next n member requests are answered 429 Too Many Requests. */
  public void failNext(int n) {
    failNext.set(n);
  }

  /**
   * PUTs of this member from now on are applied at once but answered only after {@link #releaseMemberAnswers}; other
   * members' requests are not held.
   */
  public void holdMemberAnswers(String email) {
    heldAnswers = new HeldAnswers(hash(email), new java.util.concurrent.CountDownLatch(1));
  }

  public void releaseMemberAnswers() {
    HeldAnswers held = heldAnswers;
    heldAnswers = null;
    if (held != null) {
      held.release().countDown();
    }
  }

  /** Every answer waits this long (to make concurrent requests observable). */

  public void delay(long millis) {
    delayMillis = millis;
  }

  /** The reports API (engagement): campaigns, activity, recipients, unsubscribes, its own 429 injection. */
  public MailchimpReportsPeer reports() {
    return reports;
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  public void resetMaxInFlight() {
    maxInFlight.set(0);
  }

  /** "METHOD path status" of every request so far. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    batchWorker.shutdownNow();
  }

  // ---- the API

  private Map<String, Member> members(String list) {
    return lists.computeIfAbsent(list, l -> new ConcurrentHashMap<>());
  }

  /**
   * The request stops counting as in flight when its answer starts: the client may send its next request as soon
   * as it has read this one's answer, possibly before this thread got further (counted after the answer, two
   * requests sent one after the other on a permit could overlap here).
   */
  private static void answering() {
    AtomicInteger count = COUNTED.get();
    if (count != null) {
      COUNTED.remove();
      count.decrementAndGet();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    COUNTED.set(inFlight);
    int status = 500;
    try {
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      status = answer(exchange);
    } catch (RuntimeException e) {
      status = problem(exchange, 500, "Internal Server Error", String.valueOf(e));
    } finally {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + status);
      answering();
      exchange.close();
    }
  }

  private synchronized int answer(HttpExchange exchange) throws IOException {
    if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return problem(exchange, 401, "API Key Invalid", "Your API key may be invalid, or you've attempted to access"
          + " the wrong datacenter.");
    }
    if (MailchimpReportsPeer.handles(exchange.getRequestURI().getPath())) {
      MailchimpReportsPeer.Answer a = reports.answer(exchange);
      return send(exchange, a.status(), a.body(), a.contentType());
    }
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return problem(exchange, 429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections.");
    }
    Matcher path = MEMBER.matcher(exchange.getRequestURI().getPath());
    if (!path.matches()) {
      return problem(exchange, 404, "Resource Not Found", "The requested resource could not be found.");
    }
    String list = path.group(1);
    String hash = path.group(2);
    Map<String, Member> members = members(list);
    String method = exchange.getRequestMethod();
    if ("/tags".equals(path.group(3))) {
      return tags(exchange, list, hash, members.get(hash));
    }
    if (path.group(3) != null) {
      if (!method.equals("POST")) {
        return problem(exchange, 405, "Method Not Allowed", "The requested method and resource are not compatible.");
      }
      if (members.remove(hash) == null) {
        return problem(exchange, 404, "Resource Not Found", "The requested resource could not be found.");
      }
      deletedPermanently.add(list + "/" + hash);
      answering();
      exchange.sendResponseHeaders(204, -1);
      return 204;
    }
    if (method.equals("GET")) {
      Member m = members.get(hash);
      return m == null ? problem(exchange, 404, "Resource Not Found", "The requested resource could not be found.")
          : json(exchange, 200, member(m));
    }
    if (!method.equals("PUT")) {
      return problem(exchange, 405, "Method Not Allowed", "The requested method and resource are not compatible.");
    }
    JsonObject body;
    try (InputStream in = exchange.getRequestBody();
        JsonReader reader = Json.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))) {
      body = reader.readObject();
    } catch (RuntimeException e) {
      return problem(exchange, 400, "JSON Parse Exception", "We encountered an unspecified JSON parsing error.");
    }
    Answer a = upsert(members, hash, body);
    HeldAnswers held = heldAnswers;
    if (held != null && held.hash().equals(hash)) {
      try {
        held.release().await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return send(exchange, a.status(), a.body(), a.type());
  }

  /** An answer to write: status, body, media type. */
  private record Answer(int status, String body, String type) {}

  /** PUT of a member (also a batch operation's): upsert by hash, an email change, the compliance state. */
  private Answer upsert(Map<String, Member> members, String hash, JsonObject body) {
    String email = body.getString("email_address", null);
    if (email == null || !email.contains("@")) {
      return invalidAnswer("email_address", "This value should not be blank.");
    }
    if (email.toLowerCase(Locale.ROOT).endsWith("@fake.example")) {
      return problemAnswer(400, "Invalid Resource", "The address looks fake or invalid, please enter a real"
          + " email address.");
    }
    String requested = body.getString("status", null);
    Member existing = members.get(hash);
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    if (existing == null) {
      if (!hash(email).equals(hash)) {
        return problemAnswer(404, "Resource Not Found", "The requested resource could not be found.");
      }
      String statusIfNew = body.getString("status_if_new", null);
      if (statusIfNew == null) {
        return invalidAnswer("status_if_new", "The status_if_new field is required when creating a member.");
      }
      Member created = new Member(hash, email, statusIfNew, merge(Map.of(), body), language(null, body), at);
      members.put(hash, created);
      return new Answer(200, member(created).build().toString(), "application/json");
    }
    String newHash = hash(email);
    if (!newHash.equals(hash) && members.containsKey(newHash)) {
      return problemAnswer(400, "Member Exists", "The new address is already a list member.");
    }
    String status = existing.status();
    if (requested != null && !requested.equals(status)) {
      if (status.equals("cleaned")) {
        return problemAnswer(400, "Member In Compliance State", "The member is in a compliance state due to"
            + " unsubscribe, bounce, or compliance review and cannot be subscribed.");
      }
      status = requested;
    }
    Member updated = new Member(newHash, email, status, merge(existing.mergeFields(), body),
        language(existing.language(), body), at);
    members.remove(hash);
    members.put(newHash, updated);
    return new Answer(200, member(updated).build().toString(), "application/json");
  }

  private int tags(HttpExchange exchange, String list, String hash, Member member) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      return problem(exchange, 405, "Method Not Allowed", "The requested method and resource are not compatible.");
    }
    if (member == null) {
      return problem(exchange, 404, "Resource Not Found", "The requested resource could not be found.");
    }
    JsonObject body;
    try (InputStream in = exchange.getRequestBody();
        JsonReader reader = Json.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))) {
      body = reader.readObject();
    } catch (RuntimeException e) {
      return problem(exchange, 400, "JSON Parse Exception", "We encountered an unspecified JSON parsing error.");
    }
    if (!body.containsKey("tags") || body.get("tags").getValueType() != JsonValue.ValueType.ARRAY) {
      return invalid(exchange, "tags", "This value should not be blank.");
    }
    Map<String, Boolean> changes = new LinkedHashMap<>();
    for (JsonValue v : body.getJsonArray("tags")) {
      if (!(v instanceof JsonObject t) || t.getString("name", "").isBlank()
          || !Set.of("active", "inactive").contains(t.getString("status", ""))) {
        return invalid(exchange, "tags", "Each tag needs a name and a status of active or inactive.");
      }
      changes.put(t.getString("name"), t.getString("status").equals("active"));
    }
    tags.computeIfAbsent(list + "/" + hash, k -> new ConcurrentHashMap<>()).putAll(changes);
    if (body.containsKey("is_syncing")) {
      tagSyncing.put(list + "/" + hash, body.getBoolean("is_syncing"));
    }
    answering();
    exchange.sendResponseHeaders(204, -1);
    return 204;
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    return colon >= 0 && decoded.substring(colon + 1).equals(apiKey);
  }

  private static Map<String, String> merge(Map<String, String> old, JsonObject body) {
    Map<String, String> fields = new LinkedHashMap<>(old);
    if (body.containsKey("merge_fields") && body.get("merge_fields").getValueType() == JsonValue.ValueType.OBJECT) {
      body.getJsonObject("merge_fields").forEach((k, v) -> fields.put(k,
          v.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) v).getString() : v.toString()));
    }
    return fields;
  }

  private static String language(String old, JsonObject body) {
    return body.getString("language", old);
  }

  private static JsonObjectBuilder member(Member m) {
    JsonObjectBuilder merge = Json.createObjectBuilder();
    m.mergeFields().forEach(merge::add);
    JsonObjectBuilder b = Json.createObjectBuilder()
        .add("id", m.id())
        .add("email_address", m.email())
        .add("status", m.status())
        .add("merge_fields", merge)
        .add("last_changed", MAILCHIMP_TIME.format(m.lastChanged().atOffset(ZoneOffset.UTC)));
    if (m.language() != null) {
      b.add("language", m.language());
    }
    return b;
  }

  private static Answer problemAnswer(int status, String title, String detail) {
    return new Answer(status, Json.createObjectBuilder()
        .add("type", "https://mailchimp.com/developer/marketing/docs/errors/")
        .add("title", title)
        .add("status", status)
        .add("detail", detail)
        .add("instance", java.util.UUID.randomUUID().toString()).build().toString(), "application/problem+json");
  }

  private static Answer invalidAnswer(String field, String message) {
    return new Answer(400, Json.createObjectBuilder()
        .add("type", "https://mailchimp.com/developer/marketing/docs/errors/")
        .add("title", "Invalid Resource")
        .add("status", 400)
        .add("detail", "The resource submitted could not be validated. For field-specific details, see the 'errors'"
            + " array.")
        .add("instance", java.util.UUID.randomUUID().toString())
        .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("field", field)
            .add("message", message))).build().toString(), "application/problem+json");
  }

  private static int invalid(HttpExchange exchange, String field, String message) throws IOException {
    return send(exchange, 400, Json.createObjectBuilder()
        .add("type", "https://mailchimp.com/developer/marketing/docs/errors/")
        .add("title", "Invalid Resource")
        .add("status", 400)
        .add("detail", "The resource submitted could not be validated. For field-specific details, see the 'errors'"
            + " array.")
        .add("instance", java.util.UUID.randomUUID().toString())
        .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("field", field)
            .add("message", message))).build().toString(), "application/problem+json");
  }

  private static int problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
    return send(exchange, status, Json.createObjectBuilder()
        .add("type", "https://mailchimp.com/developer/marketing/docs/errors/")
        .add("title", title)
        .add("status", status)
        .add("detail", detail)
        .add("instance", java.util.UUID.randomUUID().toString()).build().toString(), "application/problem+json");
  }

  private static int json(HttpExchange exchange, int status, JsonObjectBuilder body) throws IOException {
    return send(exchange, status, body.build().toString(), "application/json");
  }

  private static int send(HttpExchange exchange, int status, String body, String type) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    answering();
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }

  // ---- batch operations (POST /3.0/batches, GET /3.0/batches/{id}, results as a gzipped tar)

  /** A batch as kept: its operations, status, counts and, once finished, its results archive. */
  private static final class Batch {
    final String id;
    final List<JsonObject> operations;
    final Instant submittedAt = Instant.now();
    final List<String> polled = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile String status = "pending";
    volatile int finished;
    volatile int errored;
    volatile Instant completedAt;
    volatile byte[] results;

    Batch(String id, List<JsonObject> operations) {
      this.id = id;
      this.operations = operations;
    }
  }

  private static final Pattern BATCH = Pattern.compile("/3\\.0/batches(?:/([0-9a-z]+))?/?");
  private final Map<String, Batch> batches = new ConcurrentHashMap<>();
  private final List<Batch> held = java.util.Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService batchWorker = Executors.newSingleThreadExecutor();
  private final AtomicInteger batchAllowance = new AtomicInteger(-1);
  private final AtomicInteger batchOperations = new AtomicInteger();
  private volatile long operationMillis;
  private volatile String lastBatch;

  /** The next n batches are processed; later ones stay {@code pending} until {@link #releaseBatches()}. */
  public void holdBatchesAfter(int n) {
    batchAllowance.set(n);
  }

  /** Processes the held batches and every later one. */
  public void releaseBatches() {
    batchAllowance.set(-1);
    List<Batch> waiting;
    synchronized (held) {
      waiting = List.copyOf(held);
      held.clear();
    }
    waiting.forEach(b -> batchWorker.execute(() -> process(b)));
  }

  /** Each batch operation takes this long (to make the {@code started} state observable). */
  public void operationDelay(long millis) {
    operationMillis = millis;
  }

  /** Batches submitted so far. */
  public int batchCount() {
    return batches.size();
  }

  /** The id of the batch submitted last, or null. */
  public String lastBatchId() {
    return lastBatch;
  }

  /** Operations received in batches so far. */
  public int batchOperationCount() {
    return batchOperations.get();
  }

  /** The statuses GET /batches/{id} answered for the batch, in order. */
  public List<String> polledStatuses(String batchId) {
    Batch b = batches.get(batchId);
    return b == null ? List.of() : List.copyOf(b.polled);
  }

  private void handleBatches(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    COUNTED.set(inFlight);
    int status = 500;
    try {
      status = batchAnswer(exchange);
    } catch (RuntimeException e) {
      status = problem(exchange, 500, "Internal Server Error", String.valueOf(e));
    } finally {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + status);
      answering();
      exchange.close();
    }
  }

  private int batchAnswer(HttpExchange exchange) throws IOException {
    if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return problem(exchange, 401, "API Key Invalid", "Your API key may be invalid, or you've attempted to access"
          + " the wrong datacenter.");
    }
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return problem(exchange, 429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections.");
    }
    Matcher path = BATCH.matcher(exchange.getRequestURI().getPath());
    if (!path.matches()) {
      return problem(exchange, 404, "Resource Not Found", "The requested resource could not be found.");
    }
    String method = exchange.getRequestMethod();
    if (path.group(1) != null) {
      Batch b = batches.get(path.group(1));
      if (b == null || !method.equals("GET")) {
        return b == null ? problem(exchange, 404, "Resource Not Found", "The requested resource could not be found.")
            : problem(exchange, 405, "Method Not Allowed", "The requested method and resource are not compatible.");
      }
      String shown = b.status;
      b.polled.add(shown);
      return json(exchange, 200, batch(b, shown));
    }
    if (!method.equals("POST")) {
      return problem(exchange, 405, "Method Not Allowed", "The requested method and resource are not compatible.");
    }
    JsonObject body;
    try (InputStream in = exchange.getRequestBody();
        JsonReader reader = Json.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))) {
      body = reader.readObject();
    } catch (RuntimeException e) {
      return problem(exchange, 400, "JSON Parse Exception", "We encountered an unspecified JSON parsing error.");
    }
    if (!body.containsKey("operations") || body.get("operations").getValueType() != JsonValue.ValueType.ARRAY) {
      return invalid(exchange, "operations", "This value should not be blank.");
    }
    List<JsonObject> operations = new ArrayList<>();
    for (JsonValue v : body.getJsonArray("operations")) {
      if (!(v instanceof JsonObject o) || o.getString("method", "").isBlank() || o.getString("path", "").isBlank()) {
        return invalid(exchange, "operations", "Each operation needs a method and a path.");
      }
      operations.add(o);
    }
    String id = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(8)
        .putLong(java.util.concurrent.ThreadLocalRandom.current().nextLong()).array()).substring(0, 10);
    Batch b = new Batch(id, operations);
    batches.put(id, b);
    lastBatch = id;
    batchOperations.addAndGet(operations.size());
    if (batchAllowance.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
      held.add(b);
    } else {
      batchWorker.execute(() -> process(b));
    }
    return json(exchange, 200, batch(b, b.status));
  }

  /** Runs the operations one by one, as Mailchimp does in the background, then writes the results archive. */
  private void process(Batch b) {
    b.status = "started";
    JsonArrayBuilder results = Json.createArrayBuilder();
    for (JsonObject op : b.operations) {
      if (operationMillis > 0) {
        try {
          Thread.sleep(operationMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Answer a = operation(op);
      JsonObjectBuilder r = Json.createObjectBuilder().add("status_code", a.status()).add("response", a.body());
      if (op.containsKey("operation_id") && !op.isNull("operation_id")) {
        r.add("operation_id", op.get("operation_id"));
      } else {
        r.addNull("operation_id");
      }
      results.add(r);
      if (a.status() >= 400) {
        b.errored++;
      }
      b.finished++;
    }
    b.status = "finalizing";
    try {
      b.results = archive(b.id + "/" + b.id + ".json", results.build());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    b.completedAt = Instant.now();
    b.status = "finished";
  }

  /** One operation: PUT of a member (the upsert), as its own request would be answered. */
  private Answer operation(JsonObject op) {
    String p = op.getString("path");
    Matcher path = MEMBER.matcher(p.startsWith("/3.0") ? p : "/3.0" + (p.startsWith("/") ? p : "/" + p));
    if (!path.matches() || path.group(3) != null) {
      return problemAnswer(404, "Resource Not Found", "The requested resource could not be found.");
    }
    if (!op.getString("method").equals("PUT")) {
      return problemAnswer(405, "Method Not Allowed", "The requested method and resource are not compatible.");
    }
    JsonObject body;
    try (JsonReader reader = Json.createReader(new StringReader(op.getString("body", "")))) {
      body = reader.readObject();
    } catch (RuntimeException e) {
      return problemAnswer(400, "JSON Parse Exception", "We encountered an unspecified JSON parsing error.");
    }
    synchronized (this) {
      return upsert(members(path.group(1)), path.group(2), body);
    }
  }

  private JsonObjectBuilder batch(Batch b, String status) {
    JsonObjectBuilder o = Json.createObjectBuilder()
        .add("id", b.id)
        .add("status", status)
        .add("total_operations", b.operations.size())
        .add("finished_operations", b.finished)
        .add("errored_operations", b.errored)
        .add("submitted_at", MAILCHIMP_TIME.format(b.submittedAt.atOffset(ZoneOffset.UTC)))
        .add("completed_at", b.completedAt == null ? "" : MAILCHIMP_TIME.format(b.completedAt.atOffset(ZoneOffset.UTC)))
        .add("response_body_url", "finished".equals(status)
            ? "http://127.0.0.1:" + server.getAddress().getPort() + "/batch-results/" + b.id + ".tar.gz" : "");
    return o;
  }

  /** The results archive: a signed storage URL at Mailchimp, so no API key here. */
  private void batchResults(HttpExchange exchange) throws IOException {
    try {
      String name = exchange.getRequestURI().getPath().substring("/batch-results/".length());
      Batch b = batches.get(name.replace(".tar.gz", ""));
      if (b == null || b.results == null) {
        answering();
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-gzip");
      answering();
      exchange.sendResponseHeaders(200, b.results.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(b.results);
      }
    } finally {
      exchange.close();
    }
  }

  /** Results as Mailchimp gives them: one JSON file in a gzipped tar. */
  public static byte[] archive(String fileName, jakarta.json.JsonArray results) throws IOException {
    byte[] content = results.toString().getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
      byte[] header = new byte[512];
      put(header, 0, fileName);
      put(header, 100, "0000644");
      put(header, 108, "0000000");
      put(header, 116, "0000000");
      put(header, 124, String.format("%011o", content.length));
      put(header, 136, String.format("%011o", System.currentTimeMillis() / 1000));
      java.util.Arrays.fill(header, 148, 156, (byte) ' ');
      header[156] = '0';
      put(header, 257, "ustar");
      header[263] = '0';
      header[264] = '0';
      int sum = 0;
      for (byte b : header) {
        sum += b & 0xff;
      }
      put(header, 148, String.format("%06o", sum));
      header[154] = 0;
      header[155] = ' ';
      out.write(header);
      out.write(content);
      out.write(new byte[(512 - content.length % 512) % 512]);
      out.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  private static void put(byte[] header, int at, String value) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, at, b.length);
  }

}
