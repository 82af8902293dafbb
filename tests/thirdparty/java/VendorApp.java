// A vendor's web app on the JDK alone (java.net.http.HttpClient, com.sun.net.httpserver), for
// `oauthsim check-client`. Run it without a build: java VendorApp.java --port PORT ...
//
// Usage: java VendorApp.java --port PORT --authz URL --api URL --client-id ID
//            --client-secret SECRET [--mode MODE] [--ready-file FILE]
//
// Routes: GET /connect (starts the flow), GET /callback (the redirect URI,
// http://127.0.0.1:PORT/callback), GET /action?path=/users/me (calls the Customer API,
// refreshing once on 401, and backing off once before one retry on a 429 without Retry-After).
// The client secret goes in the form body (client_secret_post), the way many hand-written Java
// integrations do it; HttpClient's defaults otherwise (HTTP/1.1 upgrade attempts to h2c, no
// compression asked for).
//
// --mode correct (default), or one deliberate flaw a vendor could ship:
//   no_state           sends no state, so checks none
//   token_in_query     sends the access token as ?access_token= instead of the header
//   hammer_after_5xx   retries a 5xx at once, 5 times
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class VendorApp {
  static final List<String> MODES = List.of("correct", "no_state", "token_in_query", "hammer_after_5xx");
  static final String COOKIE = "acme_session";
  static final SecureRandom RANDOM = new SecureRandom();
  static final long BACK_OFF_MS = 500;

  static final class Session {
    String state;
    boolean pending;
    String accessToken;
    String refreshToken;
  }

  final Map<String, String> args;
  final String redirectUri;
  final HttpClient http = HttpClient.newHttpClient();
  final Map<String, Session> sessions = new ConcurrentHashMap<>();

  VendorApp(Map<String, String> args) {
    this.args = args;
    this.redirectUri = "http://127.0.0.1:" + args.get("port") + "/callback";
  }

  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) return out;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  // The token endpoint answers flat JSON; its string fields are all this app reads.
  static String jsonString(String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    return m.find() ? m.group(1).replace("\\/", "/") : null;
  }

  static void answer(HttpExchange ex, int status, String text, Map<String, String> headers) throws IOException {
    byte[] body = ("<!doctype html><title>Acme ATS</title><p>" + text + "</p>").getBytes(StandardCharsets.UTF_8);
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  static void answer(HttpExchange ex, int status, String text) throws IOException {
    answer(ex, status, text, Map.of());
  }

  Session sessionOf(HttpExchange ex) {
    String cookies = ex.getRequestHeaders().getFirst("Cookie");
    if (cookies == null) return null;
    for (String c : cookies.split(";")) {
      String[] kv = c.trim().split("=", 2);
      if (kv.length == 2 && kv[0].equals(COOKIE)) return sessions.get(kv[1]);
    }
    return null;
  }

  void connect(HttpExchange ex) throws IOException {
    String id = random();
    Session s = new Session();
    sessions.put(id, s);
    StringBuilder url = new StringBuilder(args.get("authz") + "/identity/oauth/allow?response_type=code")
        .append("&client_id=").append(enc(args.get("client-id")))
        .append("&redirect_uri=").append(enc(redirectUri))
        .append("&scope=").append(enc("user_me_read jobs_read"));
    if (!mode().equals("no_state")) {
      s.state = random();
      url.append("&state=").append(enc(s.state));
    }
    s.pending = true;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Location", url.toString());
    headers.put("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly");
    answer(ex, 302, "redirecting", headers);
  }

  HttpResponse<String> tokenRequest(Map<String, String> form) throws IOException, InterruptedException {
    form.put("client_id", args.get("client-id"));
    form.put("client_secret", args.get("client-secret"));
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
    HttpRequest req = HttpRequest.newBuilder(URI.create(args.get("authz") + "/identity/oauth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  boolean keepTokens(Session s, HttpResponse<String> answer) {
    if (answer.statusCode() != 200) return false;
    String access = jsonString(answer.body(), "access_token");
    if (access == null) return false;
    s.accessToken = access;
    String refresh = jsonString(answer.body(), "refresh_token");
    if (refresh != null) s.refreshToken = refresh;
    return true;
  }

  void callback(HttpExchange ex) throws IOException, InterruptedException {
    Session s = sessionOf(ex);
    if (s == null || !s.pending) {
      answer(ex, 400, "no flow was started in this browser");
      return;
    }
    Map<String, String> q = query(ex.getRequestURI());
    if (!mode().equals("no_state") && !s.state.equals(q.get("state"))) {
      answer(ex, 400, "state mismatch");
      return;
    }
    s.pending = false;
    if (q.containsKey("error") || !q.containsKey("code")) {
      answer(ex, 200, "You did not connect Acme ATS.");
      return;
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", q.get("code"));
    form.put("redirect_uri", redirectUri);
    if (!keepTokens(s, tokenRequest(form))) {
      answer(ex, 502, "could not connect to SmartRecruiters");
      return;
    }
    answer(ex, 200, "Connected to SmartRecruiters.");
  }

  HttpResponse<String> callApi(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder().header("Accept", "application/json");
    if (mode().equals("token_in_query")) {
      b.uri(URI.create(args.get("api") + path + (path.contains("?") ? "&" : "?") + "access_token=" + enc(token)));
    } else {
      b.uri(URI.create(args.get("api") + path)).header("Authorization", "Bearer " + token);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  void action(HttpExchange ex) throws IOException, InterruptedException {
    Session s = sessionOf(ex);
    if (s == null || s.accessToken == null) {
      answer(ex, 401, "Connect to SmartRecruiters first.");
      return;
    }
    String path = query(ex.getRequestURI()).getOrDefault("path", "/users/me");
    if (!path.startsWith("/") || path.startsWith("//")) {
      answer(ex, 400, "bad path");
      return;
    }
    HttpResponse<String> api = callApi(path, s.accessToken);
    if (api.statusCode() == 401) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "refresh_token");
      form.put("refresh_token", s.refreshToken);
      if (!keepTokens(s, tokenRequest(form))) {
        s.accessToken = null; // the grant is gone: the user must connect again
        s.refreshToken = null;
        answer(ex, 401, "Your SmartRecruiters connection expired: connect again.");
        return;
      }
      api = callApi(path, s.accessToken);
    }
    if (api.statusCode() == 429 && api.headers().firstValue("Retry-After").isEmpty()) {
      // SR promises no Retry-After and asks for exponential back-off: one retry after the first
      // back-off step, then the user hears it is busy.
      Thread.sleep(BACK_OFF_MS);
      api = callApi(path, s.accessToken);
    }
    for (int i = 0; api.statusCode() >= 500 && mode().equals("hammer_after_5xx") && i < 5; i++) {
      api = callApi(path, s.accessToken);
    }
    if (api.statusCode() == 429 || api.statusCode() >= 500) {
      answer(ex, 503, "SmartRecruiters is busy (" + api.statusCode() + "); try later.");
      return;
    }
    answer(ex, 200, "GET " + path + ": " + api.statusCode());
  }

  String mode() {
    return args.getOrDefault("mode", "correct");
  }

  void route(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      if (!ex.getRequestMethod().equals("GET")) {
        answer(ex, 405, "GET only");
      } else if (path.equals("/connect")) {
        connect(ex);
      } else if (path.equals("/callback")) {
        callback(ex);
      } else if (path.equals("/action")) {
        action(ex);
      } else {
        answer(ex, 404, "not found");
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      answer(ex, 500, "error: " + e.getClass().getSimpleName());
    }
  }

  public static void main(String[] argv) throws IOException {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    for (String required : List.of("port", "authz", "api", "client-id", "client-secret")) {
      if (!args.containsKey(required)) {
        System.err.println("VendorApp: missing --" + required);
        System.exit(2);
      }
    }
    if (!MODES.contains(args.getOrDefault("mode", "correct"))) {
      System.err.println("VendorApp: --mode must be one of " + MODES);
      System.exit(2);
    }
    VendorApp app = new VendorApp(args);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args.get("port"))), 64);
    server.createContext("/", app::route);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
    if (args.containsKey("ready-file")) {
      Path ready = Path.of(args.get("ready-file"));
      Path tmp = Path.of(args.get("ready-file") + ".tmp");
      Files.writeString(tmp, "{\"client\": \"http://127.0.0.1:" + args.get("port") + "\"}");
      Files.move(tmp, ready, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    System.out.println("JDK app (" + app.mode() + ") on http://127.0.0.1:" + args.get("port"));
  }
}
