package dev.caprune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A CodeArtifact endpoint that answers what a test scripts, for the answers the sandbox is too
 * well-behaved to give: slow loris (one byte at a time), silence, page loops, wrong JSON types,
 * escape sequences in strings, listings without {@code defaultDisplayVersion}, odd write results.
 *
 * <p>Plain HTTP/1.1 on a raw socket on 127.0.0.1, port 0, so that a reply can be trickled or
 * withheld byte by byte. Every request is recorded (operation, method, path, query, body, headers)
 * before it is answered, so a test can assert what was sent to a write. Requests are routed by
 * method and path to CodeArtifact's operation names; an operation with no script gets a 500 that
 * names it.
 *
 * <pre>{@code
 * try (HostileServer s = HostileServer.start()) {
 *   s.on("ListPackages", Reply.json(200, HostileServer.packages("npm", null, "left-pad")));
 *   s.on("ListPackageVersions", Reply.slowLoris(Reply.json(200, "{}"), Duration.ofSeconds(20)));
 *   caprune versions ... --endpoint-url s.endpoint()
 * }
 * }</pre>
 */
public final class HostileServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** CodeArtifact's operations by "METHOD path". */
  private static final Map<String, String> OPERATIONS =
      Map.ofEntries(
          Map.entry("POST /v1/domains", "ListDomains"),
          Map.entry("GET /v1/domain", "DescribeDomain"),
          Map.entry("POST /v1/domain/repositories", "ListRepositoriesInDomain"),
          Map.entry("POST /v1/packages", "ListPackages"),
          Map.entry("POST /v1/package/versions", "ListPackageVersions"),
          Map.entry("GET /v1/package/version", "DescribePackageVersion"),
          Map.entry("POST /v1/package/version/assets", "ListPackageVersionAssets"),
          Map.entry("POST /v1/package/version/dependencies", "ListPackageVersionDependencies"),
          Map.entry("POST /v1/package/versions/delete", "DeletePackageVersions"),
          Map.entry("POST /v1/package/versions/update_status", "UpdatePackageVersionsStatus"),
          Map.entry("POST /v1/package/versions/dispose", "DisposePackageVersions"),
          Map.entry("DELETE /v1/package", "DeletePackage"));

  /** The write operations, for {@link #writes()}. */
  public static final Set<String> WRITES =
      Set.of(
          "DeletePackageVersions",
          "UpdatePackageVersionsStatus",
          "DisposePackageVersions",
          "DeletePackage");

  /** One request as received. */
  public record Request(
      String operation,
      String method,
      String path,
      String query,
      Map<String, String> headers,
      String body,
      Instant at) {
    /** The body as JSON (an empty object for an empty body). */
    public JsonNode json() {
      try {
        return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A request header by lower-case name, or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The access key id the request was signed with (from its SigV4 Authorization), or null. */
    public String accessKeyId() {
      String auth = header("authorization");
      if (auth == null) {
        return null;
      }
      int i = auth.indexOf("Credential=");
      if (i < 0) {
        return null;
      }
      int end = auth.indexOf('/', i);
      return end < 0 ? null : auth.substring(i + "Credential=".length(), end);
    }
  }

  /** How to answer one request: writes bytes to the connection, or withholds them. */
  @FunctionalInterface
  public interface Reply {
    /**
     * @return whether the connection can carry another request afterwards
     */
    boolean send(OutputStream out, HostileServer server) throws IOException, InterruptedException;

    /** A complete answer with this status and JSON body, sent at once. */
    static Reply json(int status, String body) {
      return (out, server) -> {
        out.write(response(status, body, Map.of()));
        out.flush();
        return true;
      };
    }

    /** A complete answer with this status and JSON body. */
    static Reply json(int status, JsonNode body) {
      return json(status, body.toString());
    }

    /** A CodeArtifact error: {@code x-amzn-ErrorType} and a JSON message. */
    static Reply error(int status, String type, String message) {
      ObjectNode body = JSON.createObjectNode().put("message", message);
      return (out, server) -> {
        out.write(response(status, body.toString(), Map.of("x-amzn-ErrorType", type)));
        out.flush();
        return true;
      };
    }

    /**
     * A 429 ThrottlingException with {@code retryAfter} as its {@code Retry-After} header, sent as
     * given (garbage included); null: no such header.
     */
    static Reply throttle(String retryAfter) {
      ObjectNode body = JSON.createObjectNode().put("message", "Rate exceeded");
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("x-amzn-ErrorType", "ThrottlingException");
      if (retryAfter != null) {
        headers.put("Retry-After", retryAfter);
      }
      return (out, server) -> {
        out.write(response(429, body.toString(), headers));
        out.flush();
        return true;
      };
    }

    /** {@code reply}'s bytes, status line and headers included, one every {@code interval}. */
    static Reply slowLoris(Reply reply, Duration interval) {
      return (out, server) -> {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        reply.send(whole, server);
        for (byte b : whole.toByteArray()) {
          out.write(b);
          out.flush();
          server.sleep(interval);
        }
        return true;
      };
    }

    /** The status line and headers at once, then the body one byte every {@code interval}. */
    static Reply slowBody(int status, String body, Duration interval) {
      return (out, server) -> {
        byte[] all = response(status, body, Map.of());
        int head = all.length - body.getBytes(StandardCharsets.UTF_8).length;
        out.write(all, 0, head);
        out.flush();
        for (int i = head; i < all.length; i++) {
          server.sleep(interval);
          out.write(all[i]);
          out.flush();
        }
        return true;
      };
    }

    /** Reads the request and never answers; the connection stays open until the client leaves. */
    static Reply silence() {
      return (out, server) -> {
        server.waitForClose();
        return false;
      };
    }

    /** Closes the connection without a word. */
    static Reply hangUp() {
      return (out, server) -> false;
    }
  }

  private final ServerSocket socket;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "hostile-server");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Function<Request, Reply>> scripts = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private HostileServer(ServerSocket socket) {
    this.socket = socket;
  }

  /** Listens on 127.0.0.1, a free port. */
  public static HostileServer start() throws IOException {
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    HostileServer server = new HostileServer(s);
    server.threads.execute(server::accept);
    return server;
  }

  /** The URL for {@code --endpoint-url}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  /** Answers {@code operation} with {@code script}'s choice for each request. */
  public HostileServer on(String operation, Function<Request, Reply> script) {
    requireKnown(operation);
    scripts.put(operation, script);
    return this;
  }

  /** Answers {@code operation}'s requests with {@code replies} in turn; the last one repeats. */
  public HostileServer on(String operation, Reply... replies) {
    requireKnown(operation);
    if (replies.length == 0) {
      throw new IllegalArgumentException("no reply for " + operation);
    }
    AtomicInteger next = new AtomicInteger();
    scripts.put(operation, r -> replies[Math.min(next.getAndIncrement(), replies.length - 1)]);
    return this;
  }

  /** Every request received so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests of one operation. */
  public List<Request> requests(String operation) {
    return requests.stream().filter(r -> r.operation().equals(operation)).toList();
  }

  /** The requests of the write operations. */
  public List<Request> writes() {
    return requests.stream().filter(r -> WRITES.contains(r.operation())).toList();
  }

  /** Every version name sent to a write operation (its {@code versions} list). */
  public List<String> versionsSentToWrites() {
    List<String> all = new ArrayList<>();
    for (Request r : writes()) {
      r.json().path("versions").forEach(v -> all.add(v.asText()));
    }
    return all;
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    threads.shutdownNow();
  }

  // ---- JSON bodies of well-formed answers, to build odd ones from ----

  /** A ListPackages page: {@code names} of one format and namespace (null: none). */
  public static ObjectNode packages(String format, String namespace, String... names) {
    ObjectNode page = JSON.createObjectNode();
    ArrayNode list = page.putArray("packages");
    for (String n : names) {
      ObjectNode p = list.addObject().put("format", format).put("package", n);
      if (namespace != null) {
        p.put("namespace", namespace);
      }
    }
    return page;
  }

  /**
   * A ListPackageVersions page of Published versions (revision {@code rev-<version>}).
   *
   * @param defaultDisplayVersion null: the field is left out
   */
  public static ObjectNode versions(
      String format, String name, String defaultDisplayVersion, String... versions) {
    ObjectNode page = JSON.createObjectNode().put("format", format).put("package", name);
    if (defaultDisplayVersion != null) {
      page.put("defaultDisplayVersion", defaultDisplayVersion);
    }
    ArrayNode list = page.putArray("versions");
    for (String v : versions) {
      list.addObject()
          .put("version", v)
          .put("revision", "rev-" + v)
          .put("status", "Published")
          .putObject("origin")
          .put("originType", "INTERNAL");
    }
    return page;
  }

  /** A write's answer: each of {@code succeeded} with {@code status}, nothing failed. */
  public static ObjectNode writeResult(String status, String... succeeded) {
    ObjectNode r = JSON.createObjectNode();
    ObjectNode ok = r.putObject("successfulVersions");
    for (String v : succeeded) {
      ok.putObject(v).put("revision", "rev-" + v).put("status", status);
    }
    r.putObject("failedVersions");
    return r;
  }

  /** A reply that answers a write with success for exactly the versions it asked for. */
  public static Function<Request, Reply> echoWrite(String status) {
    return r -> {
      List<String> asked = new ArrayList<>();
      r.json().path("versions").forEach(v -> asked.add(v.asText()));
      return Reply.json(200, writeResult(status, asked.toArray(String[]::new)));
    };
  }

  // ---- the server ----

  private void accept() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        open.add(s);
        threads.execute(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private static final ThreadLocal<Socket> CURRENT = new ThreadLocal<>();

  private void serve(Socket s) {
    CURRENT.set(s);
    try (s;
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream()) {
      while (!closed) {
        Request r = read(in);
        if (r == null) {
          return;
        }
        requests.add(r);
        Function<Request, Reply> script = scripts.get(r.operation());
        Reply reply =
            script == null
                ? Reply.error(500, "InternalServerException", "not scripted: " + r.operation())
                : script.apply(r);
        if (!reply.send(out, this)) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // The client left, or the server is closing.
    } finally {
      open.remove(s);
      CURRENT.remove();
    }
  }

  private void sleep(Duration d) throws InterruptedException {
    if (closed) {
      throw new InterruptedException("closed");
    }
    Thread.sleep(d.toMillis());
  }

  /** Blocks until the client closes the connection (or the server closes). */
  private void waitForClose() throws IOException {
    Socket s = CURRENT.get();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[256];
    try {
      while (!closed && in.read(buf) >= 0) {
        // whatever else the client sends is ignored
      }
    } catch (SocketException e) {
      // closed
    }
  }

  private static Request read(InputStream in) throws IOException {
    String requestLine = line(in);
    while (requestLine != null && requestLine.isEmpty()) {
      requestLine = line(in);
    }
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length < 2) {
      throw new IOException("bad request line: " + requestLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      if (colon > 0) {
        headers.merge(
            h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            h.substring(colon + 1).strip(),
            (a, b) -> a + "," + b);
      }
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16);
          size > 0;
          size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
        all.write(in.readNBytes(size));
        line(in);
      }
      line(in);
      body = all.toByteArray();
    } else {
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      body = in.readNBytes(length);
    }
    String target = parts[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    String op = OPERATIONS.getOrDefault(parts[0] + " " + path, parts[0] + " " + path);
    return new Request(
        op,
        parts[0],
        path,
        query,
        Collections.unmodifiableMap(headers),
        new String(body, StandardCharsets.UTF_8),
        Instant.now());
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  private static byte[] response(int status, String body, Map<String, String> extra) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    head.append("Content-Type: application/json\r\n");
    head.append("x-amzn-RequestId: hostile-").append(System.nanoTime()).append("\r\n");
    extra.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    all.writeBytes(bytes);
    return all.toByteArray();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  private static void requireKnown(String operation) {
    if (!OPERATIONS.containsValue(operation)) {
      throw new IllegalArgumentException(
          "unknown operation " + operation + "; known: " + OPERATIONS.values());
    }
  }
}
