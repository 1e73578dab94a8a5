package dev.caprune.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.caprune.sandbox.Store.PackageKey;
import dev.caprune.sandbox.Store.Pkg;
import dev.caprune.sandbox.Store.Repo;
import dev.caprune.sandbox.Store.Version;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A local HTTP endpoint that answers like AWS CodeArtifact for the operations caprune uses, with
 * seeded data, injectable faults and call statistics. Start one with {@link #builder()}.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Sandbox.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 1 << 20;
  private static final int THREADS = 32;

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: about 40 ms per call. Read once, when the first server is made.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Store store;
  private final Api api;
  private final SigV4 auth;
  private final Sts sts;
  private final Faults faults;
  private final Quotas quotas;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final URI endpoint;

  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final AtomicLong throttled = new AtomicLong();
  private final Repeats repeats = new Repeats();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong lostReplies = new AtomicLong();
  private final Map<String, Queue<Runnable>> hooks = new ConcurrentHashMap<>();

  private Sandbox(Builder b, Store store) throws IOException {
    this.store = store;
    Instant now = b.now != null ? b.now : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    this.api = new Api(store, new PageTokens(), now, b.dependenciesPageSize);
    this.sts = new Sts(b.roles, b.accessKey, b.secretKey);
    this.auth = new SigV4(b.accessKey, b.secretKey, "codeartifact", sts::session);
    this.faults =
        new Faults(
            b.randomSeed,
            b.throttleRate,
            b.failRate,
            b.lostReplyRate,
            b.conflictRate,
            b.partialRate,
            b.latencyMs);
    this.quotas = b.awsQuotas ? new Quotas(System.nanoTime()) : null;
    InetAddress address = InetAddress.getByName(b.bind);
    // A deep accept queue: a burst of new connections (a load test) must wait, not be dropped.
    if (b.tls != null) {
      HttpsServer https = HttpsServer.create(new InetSocketAddress(address, b.port), 1024);
      https.setHttpsConfigurator(new HttpsConfigurator(b.tls.serverContext()));
      this.server = https;
    } else {
      this.server = HttpServer.create(new InetSocketAddress(address, b.port), 1024);
    }
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "sandbox-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    this.endpoint =
        URI.create(
            (b.tls != null ? "https://" : "http://") + host + ":" + server.getAddress().getPort());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How to start a sandbox: data, faults, quotas, credentials. */
  public static final class Builder {
    private int port;
    private String bind = "127.0.0.1";
    private final List<Object> seeds = new ArrayList<>();
    private final List<Sts.Role> roles = new ArrayList<>();
    private int generatePackages;
    private int generateVersions;
    private int generateDependencies;
    private StatusMix generateStatuses = StatusMix.DEFAULT;
    private Instant demoNow;
    private Instant now;
    private long randomSeed = 42;
    private int latencyMs;
    private double throttleRate;
    private double failRate;
    private double lostReplyRate;
    private double conflictRate;
    private double partialRate;
    private boolean awsQuotas;
    private SelfSigned tls;
    private String accessKey;
    private String secretKey;
    private int dependenciesPageSize = Api.DEPENDENCIES_PAGE_SIZE;

    private Builder() {}

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /** The address to listen on (default 127.0.0.1). */
    /** Serves HTTPS with {@code certificate} instead of plain HTTP. */
    public Builder tls(SelfSigned certificate) {
      this.tls = certificate;
      return this;
    }

    public Builder bind(String address) {
      this.bind = address;
      return this;
    }

    /** A seed file to load; may be called repeatedly, the files are merged. */
    public Builder seed(Path file) {
      seeds.add(file);
      return this;
    }

    /** Seed data as text, in the seed file format. */
    public Builder seedJson(String json) {
      seeds.add(json);
      return this;
    }

    /** {@code packages} x {@code versionsPerPackage} generated versions in caprune/generated. */
    public Builder generate(int packages, int versionsPerPackage) {
      if (packages < 1 || versionsPerPackage < 1) {
        throw new IllegalArgumentException("generate needs at least 1 package and 1 version");
      }
      this.generatePackages = packages;
      this.generateVersions = versionsPerPackage;
      return this;
    }

    /**
     * Generated packages depend on each other: each on up to {@code max} earlier packages of its
     * format, with requirements in the format's syntax (0, the default: no dependencies).
     */
    public Builder generateDependencies(int max) {
      if (max < 0 || max > 100) {
        throw new IllegalArgumentException("generated dependencies must be 0..100, not " + max);
      }
      this.generateDependencies = max;
      return this;
    }

    /** The statuses of generated versions (default {@link StatusMix#DEFAULT}). */
    public Builder generateStatuses(StatusMix mix) {
      this.generateStatuses = java.util.Objects.requireNonNull(mix, "mix");
      return this;
    }

    /** The built-in demo data (domain acme), with publish times relative to {@code now}. */
    public Builder demo(Instant now) {
      this.demoNow = now;
      return this;
    }

    /** "Now" for generated data (default: the start time). */
    public Builder now(Instant now) {
      this.now = now;
      return this;
    }

    /** Seeds fault draws and generated data (default 42). */
    public Builder randomSeed(long seed) {
      this.randomSeed = seed;
      return this;
    }

    public Builder latencyMs(int ms) {
      if (ms < 0) {
        throw new IllegalArgumentException("latency must be >= 0 ms, not " + ms);
      }
      this.latencyMs = ms;
      return this;
    }

    public Builder throttleRate(double rate) {
      this.throttleRate = Faults.rate(rate, "throttle rate");
      return this;
    }

    public Builder failRate(double rate) {
      this.failRate = Faults.rate(rate, "fail rate");
      return this;
    }

    public Builder lostReplyRate(double rate) {
      this.lostReplyRate = Faults.rate(rate, "lost-reply rate");
      return this;
    }

    /** Fraction of version writes (delete, status update, dispose) answered 409, not applied. */
    public Builder conflictRate(double rate) {
      this.conflictRate = Faults.rate(rate, "conflict rate");
      return this;
    }

    /** Fraction of status updates and disposals applied only in part (the rest SKIPPED). */
    public Builder partialRate(double rate) {
      this.partialRate = Faults.rate(rate, "partial rate");
      return this;
    }

    /** True: enforce CodeArtifact's default rate quotas; false (default): none. */
    public Builder quotas(boolean aws) {
      this.awsQuotas = aws;
      return this;
    }

    /**
     * Declares a role its STS lets be assumed, with the external id it requires (null: none). Once
     * one is declared, only declared roles may be assumed; with none, any role may.
     */
    public Builder role(String arn, String externalId) {
      roles.add(new Sts.Role(arn, externalId));
      return this;
    }

    /**
     * Dependencies per ListPackageVersionDependencies page (default 100): the operation takes no
     * max-results, so a test that wants several pages sets a small size here.
     */
    public Builder dependenciesPageSize(int size) {
      if (size < 1 || size > 1000) {
        throw new IllegalArgumentException("dependencies page size must be 1..1000, not " + size);
      }
      this.dependenciesPageSize = size;
      return this;
    }

    /** Verify SigV4 signatures for real against this key pair. */
    public Builder credentials(String accessKey, String secretKey) {
      if (accessKey == null || secretKey == null || accessKey.isEmpty() || secretKey.isEmpty()) {
        throw new IllegalArgumentException("credentials need both an access key and a secret key");
      }
      this.accessKey = accessKey;
      this.secretKey = secretKey;
      return this;
    }

    /**
     * Loads the data and starts serving.
     *
     * @throws SeedException when seed data is bad (the message is one line naming the field)
     */
    public Sandbox start() throws IOException {
      Instant start = now != null ? now : Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Store store = new Store();
      for (Object seed : seeds) {
        if (seed instanceof Path file) {
          String text;
          try {
            text = Files.readString(file, StandardCharsets.UTF_8);
          } catch (NoSuchFileException e) {
            throw new SeedException(file + ": no such file");
          } catch (IOException e) {
            throw new SeedException(file + ": cannot read: " + e.getMessage());
          }
          Seeds.load(store, file.toString(), text);
        } else {
          Seeds.load(store, "seed JSON", (String) seed);
        }
      }
      if (generatePackages > 0) {
        Generator.generate(
            store,
            generatePackages,
            generateVersions,
            randomSeed,
            start,
            generateDependencies,
            generateStatuses);
      }
      if (demoNow != null) {
        DemoData.load(store, demoNow);
      }
      Sandbox sandbox = new Sandbox(this, store);
      sandbox.server.start();
      return sandbox;
    }
  }

  // ---- public API

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return endpoint;
  }

  /** API calls received for {@code operationName} (faulted ones included). */
  public long calls(String operationName) {
    AtomicLong n = calls.get(operationName);
    return n == null ? 0 : n.get();
  }

  /** API calls received, by operation name, sorted. */
  public Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Calls answered 429, by --throttle-rate or by quotas. */
  public long throttled() {
    return throttled.get();
  }

  /** 429s answered to a request (same operation, query and body) whose last answer was a 429. */
  public long throttledAgain() {
    return repeats.repeats();
  }

  /** The most 429s one request had in a row (0: none throttled). */
  public long mostThrottledInARow() {
    return repeats.longest();
  }

  /** Calls answered 500 by --fail-rate. */
  public long failed() {
    return failed.get();
  }

  /** Calls executed whose reply was dropped by --lost-reply-rate. */
  public long lostReplies() {
    return lostReplies.get();
  }

  /** Version writes answered 409 ConflictException by --conflict-rate. */
  public long conflicts() {
    return api.conflicts.get();
  }

  /** Status updates and disposals answered in part by --partial-rate. */
  public long partials() {
    return api.partials.get();
  }

  public void resetStats() {
    calls.clear();
    throttled.set(0);
    repeats.reset();
    failed.set(0);
    lostReplies.set(0);
    api.conflicts.set(0);
    api.partials.set(0);
    sts.resetCallers();
  }

  /** Calls by the access key that signed them (the sandbox's STS sessions' keys among them). */
  public Map<String, Long> callers() {
    return sts.callers();
  }

  /** Each session key the sandbox's STS issued, and the ARN of the role it stands for. */
  public Map<String, String> sessions() {
    return sts.sessions();
  }

  /** Each STS session issued: its access key and when it expires. */
  public Map<String, java.time.Instant> sessionExpiries() {
    return sts.sessionExpiries();
  }

  /** Every session issued so far expires now: calls signed with its key get ExpiredToken. */
  public void expireSessions() {
    sts.expireSessions();
  }

  /** The current contents in the seed format, sorted: the text of GET /_sandbox/state. */
  public String stateJson() {
    store.lock.readLock().lock();
    try {
      return Seeds.write(store);
    } finally {
      store.lock.readLock().unlock();
    }
  }

  /** Test hook: run {@code action} once, just before the next call of {@code operationName}. */
  public void beforeNextCall(String operationName, Runnable action) {
    hooks.computeIfAbsent(operationName, k -> new ConcurrentLinkedQueue<>()).add(action);
  }

  /** Test hook: set a version's status as if another client had (Deleted removes it). */
  public void setStatus(
      String domain,
      String repository,
      String format,
      String namespace,
      String pkg,
      String version,
      String status) {
    if (!Shape.STATUSES.contains(status)) {
      throw new IllegalArgumentException("unknown status " + status);
    }
    mutate(
        domain,
        repository,
        format,
        namespace,
        pkg,
        version,
        (p, v) -> {
          if (status.equals("Deleted")) {
            p.remove(v.version);
          } else {
            v.status(status);
            if (status.equals("Disposed")) {
              v.clearAssets();
            }
          }
        });
  }

  /** Test hook: give a version a new revision, as a republish would. */
  public void setRevision(
      String domain,
      String repository,
      String format,
      String namespace,
      String pkg,
      String version,
      String revision) {
    if (Shape.REVISION.violation(revision) != null) {
      throw new IllegalArgumentException("invalid revision " + revision);
    }
    mutate(domain, repository, format, namespace, pkg, version, (p, v) -> v.revision(revision));
  }

  public void setThrottleRate(double rate) {
    faults.setThrottleRate(rate);
  }

  public void setFailRate(double rate) {
    faults.setFailRate(rate);
  }

  public void setLostReplyRate(double rate) {
    faults.setLostReplyRate(rate);
  }

  public void setConflictRate(double rate) {
    faults.setConflictRate(rate);
  }

  public void setPartialRate(double rate) {
    faults.setPartialRate(rate);
  }

  public void setLatencyMs(int ms) {
    faults.setLatencyMs(ms);
  }

  /** Number of versions held now. */
  public int versionCount() {
    store.lock.readLock().lock();
    try {
      return store.versionCount();
    } finally {
      store.lock.readLock().unlock();
    }
  }

  /**
   * Index entries the listings have walked past since start: a page costs about its own size, not
   * its package's (for tests, which count work instead of timing it).
   */
  long entriesVisited() {
    return store.visited.sum();
  }

  /** The store itself, for tests of this package that check a listing against it. */
  Store store() {
    return store;
  }

  /** Number of domains held now. */
  public int domainCount() {
    store.lock.readLock().lock();
    try {
      return store.domains.size();
    } finally {
      store.lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void mutate(
      String domain,
      String repository,
      String format,
      String namespace,
      String pkg,
      String version,
      java.util.function.BiConsumer<Pkg, Version> change) {
    store.lock.writeLock().lock();
    try {
      Store.Domain d = store.domains.get(domain);
      Repo r = d == null ? null : d.repos.get(repository);
      Pkg p = r == null ? null : r.packages.get(new PackageKey(format, namespace, pkg));
      Version v = p == null ? null : p.get(version);
      if (v == null) {
        throw new IllegalArgumentException(
            "no version "
                + version
                + " of "
                + format
                + ":"
                + namespace
                + "/"
                + pkg
                + " in "
                + domain
                + "/"
                + repository);
      }
      change.accept(p, v);
    } finally {
      store.lock.writeLock().unlock();
    }
  }

  // ---- HTTP

  private void handle(HttpExchange ex) {
    try {
      String path = ex.getRequestURI().getRawPath();
      if (path.equals("/_sandbox") || path.startsWith("/_sandbox/")) {
        admin(ex, path);
      } else if (Sts.serves(ex.getRequestMethod(), path)) {
        sts(ex);
      } else {
        api(ex, path);
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "client went away", e);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "sandbox failure", e);
    } finally {
      ex.close();
    }
  }

  private void api(HttpExchange ex, String path) throws IOException {
    String method = ex.getRequestMethod();
    Operation op = Operation.route(method, path);
    byte[] body = readBody(ex);
    if (op == null) {
      String known = Operation.notServed(method, path);
      if (known != null) {
        count(known);
        send(
            ex,
            error(
                ApiException.validation(
                    "UNKNOWN_OPERATION",
                    known + " is a CodeArtifact operation the caprune sandbox does not serve.")));
      } else {
        send(
            ex,
            error(ApiException.unknownPath("No CodeArtifact operation at " + method + " " + path)));
      }
      return;
    }
    count(op.awsName);
    sleep(faults.latencyMs());
    Faults.Draw draw = faults.draw();
    Response response;
    try {
      if (body == null) {
        throw ApiException.validation("CANNOT_PARSE", "Request body larger than 1 MiB");
      }
      String keyId =
          auth.verify(
              method,
              path,
              ex.getRequestURI().getRawQuery(),
              name -> ex.getRequestHeaders().get(name),
              body,
              Instant.now());
      if (keyId != null) {
        sts.count(keyId);
      }
      if (draw.fault() == Faults.Fault.THROTTLE) {
        throttled.incrementAndGet();
        repeats.throttled(Repeats.identity(op.awsName, ex.getRequestURI().getRawQuery(), body));
        throw ApiException.throttling(1);
      }
      if (draw.fault() == Faults.Fault.FAIL) {
        failed.incrementAndGet();
        repeats.answered(
            () -> Repeats.identity(op.awsName, ex.getRequestURI().getRawQuery(), body));
        throw ApiException.internal("We encountered an internal error. Please try again.");
      }
      if (quotas != null && !quotas.tryAcquire(op, System.nanoTime())) {
        throttled.incrementAndGet();
        repeats.throttled(Repeats.identity(op.awsName, ex.getRequestURI().getRawQuery(), body));
        throw ApiException.throttling(1);
      }
      repeats.answered(() -> Repeats.identity(op.awsName, ex.getRequestURI().getRawQuery(), body));
      checkAccount(keyId, op.awsName, ex.getRequestURI().getRawQuery());
      Queue<Runnable> queue = hooks.get(op.awsName);
      Runnable hook = queue == null ? null : queue.poll();
      if (hook != null) {
        hook.run();
      }
      // PublishPackageVersion's body is the asset itself, not JSON.
      boolean publish = op == Operation.PUBLISH_PACKAGE_VERSION;
      Call call =
          new Call(
              op,
              Call.parseQuery(ex.getRequestURI().getRawQuery()),
              publish ? JSON.createObjectNode() : parseBody(body));
      if (publish) {
        call.payload = body;
        call.contentSha256 = ex.getRequestHeaders().getFirst("x-amz-content-sha256");
      }
      call.conflict = op.versionWrite() && draw.conflict();
      call.partial =
          op.statusChange() && draw.partial() ? new java.util.Random(draw.partialSeed()) : null;
      response = new Response(200, api.execute(call), Map.of());
    } catch (ApiException e) {
      response = error(e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "sandbox failure in " + op.awsName, e);
      response = error(ApiException.internal("Sandbox failure: " + e));
    }
    if (draw.loseReply()) {
      // The call took effect; the client never hears: close without a status line.
      lostReplies.incrementAndGet();
      return;
    }
    send(ex, response);
  }

  private void sts(HttpExchange ex) throws IOException {
    byte[] body = readBody(ex);
    Sts.Reply reply =
        body == null
            ? null
            : sts.answer(
                ex.getRequestURI().getRawQuery(),
                name -> ex.getRequestHeaders().get(name),
                body,
                Instant.now());
    if (reply == null) {
      sendText(ex, 413, "{\"message\": \"Request body larger than 1 MiB\"}");
      return;
    }
    count(reply.action().isEmpty() ? "sts" : reply.action());
    byte[] bytes = reply.xml().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/xml");
    ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    ex.sendResponseHeaders(reply.status(), bytes.length);
    ex.getResponseBody().write(bytes);
  }

  /** A session key reaches only its account's domains ({@link Sts#checkAccount}). */
  private void checkAccount(String keyId, String operation, String rawQuery) {
    if (keyId == null || sts.session(keyId) == null) {
      return;
    }
    String domain = Call.parseQuery(rawQuery).get("domain");
    if (domain == null) {
      return;
    }
    String owner;
    store.lock.readLock().lock();
    try {
      Store.Domain d = store.domains.get(domain);
      owner = d == null ? null : d.owner;
    } finally {
      store.lock.readLock().unlock();
    }
    sts.checkAccount(keyId, operation, domain, owner);
  }

  private void admin(HttpExchange ex, String path) throws IOException {
    String method = ex.getRequestMethod();
    readBody(ex);
    String route = method + " " + path;
    switch (route) {
      case "GET /_sandbox/stats" -> sendText(ex, 200, statsJson());
      case "POST /_sandbox/stats/reset" -> {
        resetStats();
        sendText(ex, 200, statsJson());
      }
      case "GET /_sandbox/state" -> sendText(ex, 200, stateJson());
      default -> {
        boolean known =
            path.equals("/_sandbox/stats")
                || path.equals("/_sandbox/stats/reset")
                || path.equals("/_sandbox/state");
        ObjectNode body = JSON.createObjectNode();
        body.put(
            "message",
            (known ? "Method " + method + " not allowed on " : "No sandbox route ")
                + path
                + "; routes: GET /_sandbox/stats, POST /_sandbox/stats/reset,"
                + " GET /_sandbox/state");
        sendText(ex, known ? 405 : 404, JSON.writeValueAsString(body));
      }
    }
  }

  private String statsJson() throws JsonProcessingException {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode c = out.putObject("calls");
    calls().forEach(c::put);
    out.put("throttled", throttled());
    out.put("throttledAgain", throttledAgain()).put("mostThrottledInARow", mostThrottledInARow());
    out.put("failed", failed()).put("lostReplies", lostReplies());
    out.put("conflicts", conflicts()).put("partials", partials());
    ObjectNode callers = out.putObject("callers");
    sts.callers().forEach(callers::put);
    ObjectNode sessions = out.putObject("sessions");
    sts.sessions().forEach(sessions::put);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
  }

  private void count(String operation) {
    calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
  }

  private static void sleep(int ms) {
    if (ms <= 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The request body, or null when it is larger than the sandbox accepts. */
  private static byte[] readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return null;
      }
      return body;
    }
  }

  private static JsonNode parseBody(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return JSON.createObjectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.validation("CANNOT_PARSE", "Request body is not valid JSON.");
    }
    if (node == null || !node.isObject()) {
      throw ApiException.validation("CANNOT_PARSE", "Request body must be a JSON object.");
    }
    return node;
  }

  private record Response(int status, ObjectNode body, Map<String, String> headers) {}

  private static Response error(ApiException e) {
    ObjectNode body = JSON.createObjectNode();
    body.put("message", e.getMessage());
    e.members.forEach((k, v) -> body.put(k, String.valueOf(v)));
    Map<String, String> headers = new TreeMap<>(e.headers);
    headers.put("x-amzn-ErrorType", e.type);
    return new Response(e.status, body, headers);
  }

  private static void send(HttpExchange ex, Response r) throws IOException {
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    sendText(ex, r.status(), JSON.writeValueAsString(r.body()));
  }

  private static void sendText(HttpExchange ex, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }
}
