#include "oauthsim/common/http_server.h"

#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include "support/text.h"

namespace oauthsim::common {
namespace {

using nlohmann::json;

using test_support::contains;
using test_support::kRfcExampleAccessToken;
using test_support::kRfcExampleCode;

class HttpServerTest : public ::testing::Test {
 protected:
  HttpServerTest() : server_(party::kAuthorizationServer, &trace_, &clock_) {}

  httplib::Client client() { return httplib::Client("127.0.0.1", server_.port()); }

  // The last entry, with the server stopped so every worker has finished recording.
  TraceEntry last_entry() {
    server_.stop();
    auto es = trace_.entries();
    if (es.empty()) {
      ADD_FAILURE() << "trace is empty";
      return {};
    }
    return es.back();
  }

  Trace trace_;
  VirtualClock clock_;
  HttpServer server_;
};

TEST_F(HttpServerTest, StartOnPortZeroReturnsTheBoundPort) {
  const int port = server_.start("127.0.0.1", 0);
  EXPECT_GT(port, 0);
  EXPECT_EQ(server_.port(), port);
  EXPECT_TRUE(server_.running());
  EXPECT_EQ(server_.base_url(), "http://127.0.0.1:" + std::to_string(port));
}

TEST_F(HttpServerTest, ServesARegisteredRoute) {
  server_.routes().Get("/hello", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("hi", "text/plain");
  });
  server_.start();
  auto res = client().Get("/hello");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "hi");
}

TEST_F(HttpServerTest, UnknownRouteIs404AndStillTraced) {
  server_.start();
  auto res = client().Get("/nowhere");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  TraceEntry e = last_entry();
  EXPECT_EQ(e.path, "/nowhere");
  EXPECT_EQ(e.status, 404);
}

TEST_F(HttpServerTest, StopIsIdempotent) {
  server_.start();
  server_.stop();
  EXPECT_FALSE(server_.running());
  server_.stop();
  EXPECT_FALSE(server_.running());
}

TEST_F(HttpServerTest, StopBeforeStartDoesNothing) {
  server_.stop();
  EXPECT_FALSE(server_.running());
}

TEST_F(HttpServerTest, StartFollowedImmediatelyByStopDoesNotHang) {
  for (int i = 0; i < 20; ++i) {
    HttpServer s("p", nullptr, nullptr);
    s.start();
    s.stop();
    EXPECT_FALSE(s.running());
  }
}

TEST_F(HttpServerTest, DestructorStopsARunningServer) {
  int port = 0;
  {
    HttpServer s("p", nullptr, nullptr);
    port = s.start();
  }
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(2, 0);
  EXPECT_FALSE(c.Get("/"));
}

TEST_F(HttpServerTest, StoppedServerRefusesConnections) {
  const int port = server_.start();
  server_.stop();
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(2, 0);
  EXPECT_FALSE(c.Get("/"));
}

TEST_F(HttpServerTest, StartingARunningServerThrows) {
  server_.start();
  EXPECT_ANY_THROW(server_.start());
  EXPECT_TRUE(server_.running());
}

TEST_F(HttpServerTest, BindingAPortInUseThrowsNamingHostAndPort) {
  const int port = server_.start("127.0.0.1", 0);
  HttpServer second(party::kResourceServer, nullptr, nullptr);
  try {
    second.start("127.0.0.1", port);
    FAIL() << "a second server bound 127.0.0.1:" << port << " while the first listens there";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "127.0.0.1:" + std::to_string(port))) << e.what();
  }
  EXPECT_FALSE(second.running());
}

TEST_F(HttpServerTest, BindingAnAddressNotOfThisMachineThrowsNamingTheHost) {
  try {
    server_.start("203.0.113.7", 0);
    FAIL() << "bound a foreign address";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "203.0.113.7")) << e.what();
  }
  EXPECT_FALSE(server_.running());
}

TEST_F(HttpServerTest, TraceEntryIsRecordedBeforeTheClientSeesTheResponse) {
  server_.routes().Get("/x", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{}", "application/json");
  });
  server_.start();
  auto c = client();
  for (std::size_t i = 1; i <= 20; ++i) {
    ASSERT_TRUE(c.Get("/x"));
    EXPECT_EQ(trace_.size(), i) << "the response arrived before its trace entry";
  }
}

TEST_F(HttpServerTest, RecordsTheExchangeWithRedactedSecrets) {
  server_.set_peer_labeler([](const httplib::Request& req) {
    return req.get_header_value("X-Party").empty() ? party::kUnknown
                                                   : req.get_header_value("X-Party");
  });
  server_.routes().Post(
      "/identity/oauth/token", [](const httplib::Request&, httplib::Response& res) {
        HttpServer::note(res, "issued tokens");
        res.set_header("Cache-Control", "no-store");
        send_json(res, 200, {{"access_token", kRfcExampleAccessToken}, {"token_type", "Bearer"}});
      });
  server_.start();
  clock_.advance_ms(1234);
  httplib::Headers headers{{"X-Party", party::kClient},
                           {"Authorization", std::string("Bearer ") + kRfcExampleAccessToken},
                           {"Cookie", "sr_session=s3cr3tsession"}};
  auto res = client().Post("/identity/oauth/token?tenant=acme&code=" + std::string(kRfcExampleCode),
                           headers,
                           "grant_type=authorization_code&code=" + std::string(kRfcExampleCode) +
                               "&client_secret=acme-secret",
                           "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);

  TraceEntry e = last_entry();
  EXPECT_EQ(e.observer, party::kAuthorizationServer);
  EXPECT_EQ(e.to, party::kAuthorizationServer);
  EXPECT_EQ(e.from, party::kClient);
  EXPECT_EQ(e.method, "POST");
  EXPECT_EQ(e.path, "/identity/oauth/token");
  EXPECT_EQ(e.time_ms, VirtualClock::kDefaultStartMs + 1234);
  EXPECT_EQ(e.status, 200);
  EXPECT_EQ(e.note, "issued tokens");
  // The query and the form body are kept apart.
  EXPECT_EQ(e.query.get("tenant"), "acme");
  EXPECT_FALSE(e.query.has("grant_type"));
  EXPECT_EQ(e.form.get("grant_type"), "authorization_code");
  EXPECT_FALSE(e.form.has("tenant"));
  EXPECT_EQ(e.form.get("client_secret"), "[redacted]");
  EXPECT_EQ(e.form.get("code"), "[redacted " + fingerprint(kRfcExampleCode) + "]");
  EXPECT_EQ(e.request_headers.get("Authorization"),
            "Bearer [redacted " + fingerprint(kRfcExampleAccessToken) + "]");
  EXPECT_EQ(e.response_headers.get("Cache-Control"), "no-store");
  EXPECT_EQ(e.response_fields.get("token_type"), "Bearer");

  const std::string dump = e.to_json().dump();
  for (const char* secret :
       {kRfcExampleAccessToken, kRfcExampleCode, "acme-secret", "s3cr3tsession"}) {
    EXPECT_FALSE(contains(dump, secret)) << secret << " leaked: " << dump;
  }
}

// Vendor HTTP stacks ask for compression (Python requests: "gzip, deflate"; Node fetch and curl
// --compressed add "br"), and cpp-httplib then compresses JSON answers. The trace must still
// hold the answer's fields, and the answer must stay compressed on the wire as a real server's.
TEST_F(HttpServerTest, CompressedAnswersAreTracedDecodedAndStayCompressed) {
  server_.routes().Post("/identity/oauth/token",
                        [](const httplib::Request&, httplib::Response& res) {
                          send_json(res, 200,
                                    {{"access_token", kRfcExampleAccessToken},
                                     {"token_type", "Bearer"},
                                     {"expires_in", 1800},
                                     {"refresh_token", "tGzv3JOkF0XG5Qx2TlKWIA"}});
                        });
  server_.start();
  for (const char* asked : {"gzip, deflate", "gzip, deflate, br", "identity"}) {
    SCOPED_TRACE(asked);
    auto c = client();
    auto res = c.Post("/identity/oauth/token", httplib::Headers{{"Accept-Encoding", asked}},
                      "grant_type=client_credentials", "application/x-www-form-urlencoded");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
  server_.stop();
  const auto es = trace_.entries();
  ASSERT_EQ(es.size(), 3u);
  EXPECT_EQ(es[0].response_headers.get("Content-Encoding"), "gzip");
  EXPECT_EQ(es[1].response_headers.get("Content-Encoding"), "br");
  EXPECT_FALSE(es[2].response_headers.has("Content-Encoding"));
  for (const auto& e : es) {
    SCOPED_TRACE(e.summary());
    EXPECT_EQ(e.response_fields.get("token_type"), "Bearer");
    EXPECT_EQ(e.response_fields.get("expires_in"), "1800");
    EXPECT_EQ(e.response_fields.get("access_token"),
              "[redacted " + fingerprint(kRfcExampleAccessToken) + "]");
    EXPECT_TRUE(e.response_fields.has("refresh_token"));
    EXPECT_EQ(e.form.get("grant_type"), "client_credentials");
  }
}

TEST_F(HttpServerTest, RedirectLocationAndSetCookieAreRedactedInTheTrace) {
  server_.routes().Get("/allow", [](const httplib::Request&, httplib::Response& res) {
    res.status = 302;
    res.set_header("Location", std::string("http://localhost:9000/callback?code=") +
                                   kRfcExampleCode + "&state=s");
    res.set_header("Set-Cookie", "sr_session=s3cr3tsession; HttpOnly; SameSite=Lax");
  });
  server_.start();
  auto res = client().Get("/allow");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 302);
  EXPECT_TRUE(contains(res->get_header_value("Location"), kRfcExampleCode))
      << "the client gets the real code";
  TraceEntry e = last_entry();
  ASSERT_TRUE(e.response_headers.has("Location"));
  EXPECT_FALSE(contains(*e.response_headers.get("Location"), kRfcExampleCode));
  EXPECT_TRUE(contains(*e.response_headers.get("Location"), "state=s"));
  ASSERT_TRUE(e.response_headers.has("Set-Cookie"));
  EXPECT_FALSE(contains(*e.response_headers.get("Set-Cookie"), "s3cr3tsession"));
}

TEST_F(HttpServerTest, UnlabeledPeerIsUnknown) {
  server_.start();
  client().Get("/");
  EXPECT_EQ(last_entry().from, party::kUnknown);
}

TEST_F(HttpServerTest, NoteBelongsOnlyToItsOwnRequest) {
  server_.routes().Get("/noted", [](const httplib::Request&, httplib::Response& res) {
    HttpServer::note(res, "first");
    HttpServer::note(res, "second");
    res.set_content("ok", "text/plain");
  });
  server_.routes().Get("/plain", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server_.start();
  {
    auto c = client();  // keep-alive: both requests on one connection and worker
    ASSERT_TRUE(c.Get("/noted"));
    ASSERT_TRUE(c.Get("/plain"));
  }
  server_.stop();
  auto es = trace_.entries();
  ASSERT_EQ(es.size(), 2u);
  EXPECT_EQ(es[0].note, "first; second");
  EXPECT_EQ(es[1].note, "");
}

TEST_F(HttpServerTest, RefusalReasonBelongsOnlyToItsOwnRequestAndReachesTheJson) {
  server_.routes().Get("/refused", [](const httplib::Request&, httplib::Response& res) {
    HttpServer::refusal_reason(res, RefusalReason::kCodeVerifierMismatch);
    res.set_content("no", "text/plain");
  });
  server_.routes().Get("/plain", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server_.start();
  {
    auto c = client();  // keep-alive: both requests on one connection and worker
    ASSERT_TRUE(c.Get("/refused"));
    ASSERT_TRUE(c.Get("/plain"));
  }
  server_.stop();
  auto es = trace_.entries();
  ASSERT_EQ(es.size(), 2u);
  EXPECT_EQ(es[0].refusal_reason, RefusalReason::kCodeVerifierMismatch);
  EXPECT_EQ(es[0].to_json().value("refusal_reason", ""), "code_verifier_mismatch");
  EXPECT_EQ(es[1].refusal_reason, RefusalReason::kNone);
  EXPECT_FALSE(es[1].to_json().contains("refusal_reason"));
}

TEST(RefusalReason, EveryReasonHasOneWordThatParsesBack) {
  std::set<std::string> words;
  for (auto r : all_refusal_reasons()) {
    const std::string word(refusal_reason_name(r));
    EXPECT_FALSE(word.empty());
    EXPECT_TRUE(words.insert(word).second) << word << " names two reasons";
    EXPECT_EQ(parse_refusal_reason(word), r) << word;
  }
  EXPECT_EQ(refusal_reason_name(RefusalReason::kNone), "");
  EXPECT_FALSE(parse_refusal_reason(""));
  EXPECT_FALSE(parse_refusal_reason("invalid_grant"));
}

TEST_F(HttpServerTest, ExceptionInHandlerGives500JsonAndIsNoted) {
  server_.routes().Get("/boom", [](const httplib::Request&, httplib::Response&) {
    throw std::runtime_error("database on fire");
  });
  server_.start();
  auto res = client().Get("/boom");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  json body = json::parse(res->body);
  EXPECT_EQ(body.at("error"), "server_error");
  EXPECT_FALSE(contains(res->body, "database on fire")) << "internals stay out of the answer";
  EXPECT_TRUE(contains(res->get_header_value("Content-Type"), "application/json"));
  TraceEntry e = last_entry();
  EXPECT_EQ(e.status, 500);
  EXPECT_TRUE(contains(e.note, "database on fire")) << e.note;
}

TEST_F(HttpServerTest, NonStandardExceptionInHandlerGives500) {
  server_.routes().Get("/boom", [](const httplib::Request&, httplib::Response&) { throw 42; });
  server_.start();
  auto res = client().Get("/boom");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
}

TEST_F(HttpServerTest, ServerKeepsServingAfterAHandlerThrows) {
  server_.routes().Get(
      "/boom", [](const httplib::Request&, httplib::Response&) { throw std::runtime_error("x"); });
  server_.routes().Get("/ok", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server_.start();
  auto c = client();
  ASSERT_TRUE(c.Get("/boom"));
  auto res = c.Get("/ok");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(HttpServerTest, OAuthErrorThrownByFormParamsCanBeAnswered) {
  server_.routes().Post("/token", [](const httplib::Request& req, httplib::Response& res) {
    try {
      form_params(req);
      res.set_content("ok", "text/plain");
    } catch (const OAuthError& e) {
      send_oauth_error(res, e);
    }
  });
  server_.start();
  auto res = client().Post("/token", "{\"grant_type\":\"x\"}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body).at("error"), "invalid_request");
}

TEST_F(HttpServerTest, QueuedFaultAnswersInsteadOfTheHandlerAndIsNoted) {
  int handled = 0;
  server_.routes().Post("/token", [&handled](const httplib::Request&, httplib::Response& res) {
    ++handled;
    res.set_content("{}", "application/json");
  });
  InjectedFault fault;
  fault.method = "POST";
  fault.path = "/token";
  fault.status = 429;
  fault.headers.add("Retry-After", "7");
  server_.faults().add(fault);
  server_.start();
  auto res = client().Post("/token", "", "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("Retry-After"), "7");
  EXPECT_EQ(json::parse(res->body).at("error"), "too_many_requests");
  EXPECT_EQ(handled, 0);
  auto again = client().Post("/token", "", "application/x-www-form-urlencoded");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(handled, 1);
  server_.stop();
  const auto entries = trace_.entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].status, 429);
  EXPECT_TRUE(contains(entries[0].note, "fault injected: 429 once on POST /token"));
  EXPECT_EQ(entries[0].response_headers.get_or("Retry-After", ""), "7");
  EXPECT_TRUE(entries[1].note.empty());
}

TEST_F(HttpServerTest, FaultedRequestWithABodyDoesNotCorruptAKeptAliveConnection) {
  server_.routes().Post("/token", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.body, "text/plain");
  });
  InjectedFault fault;
  fault.path = "/token";
  fault.status = 503;
  server_.faults().add(fault);
  server_.start();
  auto keep_alive = client();
  keep_alive.set_keep_alive(true);
  const std::string body = "grant_type=authorization_code&code=x";
  auto first = keep_alive.Post("/token", body, "application/x-www-form-urlencoded");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 503);
  EXPECT_EQ(first->get_header_value("Connection"), "close");
  // The unread body of the first request must not be taken for the start of the second.
  auto second = keep_alive.Post("/token", body, "application/x-www-form-urlencoded");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->body, body);
}

TEST_F(HttpServerTest, DelayOnlyFaultLetsTheHandlerAnswer) {
  server_.routes().Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("real", "text/plain");
  });
  InjectedFault fault;
  fault.path = "/slow";
  fault.delay = std::chrono::milliseconds(1);
  server_.faults().add(fault);
  server_.start();
  auto res = client().Get("/slow");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "real");
  EXPECT_TRUE(contains(last_entry().note, "real answer delayed 1 ms"));
}

TEST_F(HttpServerTest, DroppedConnectionFaultGivesTheCallerNoCompleteAnswer) {
  int handled = 0;
  server_.routes().Post("/token", [&handled](const httplib::Request&, httplib::Response& res) {
    ++handled;
    res.set_content("{}", "application/json");
  });
  InjectedFault fault;
  fault.path = "/token";
  fault.drop_connection = true;
  server_.faults().add(fault);
  server_.start();
  auto dropped = client().Post("/token", "code=x", "application/x-www-form-urlencoded");
  EXPECT_FALSE(dropped) << "a dropped connection must not look like an answer";
  EXPECT_EQ(handled, 0);
  // One-shot: the next request is answered normally on a new connection.
  auto next = client().Post("/token", "code=x", "application/x-www-form-urlencoded");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(handled, 1);
  server_.stop();
  const auto entries = trace_.entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_TRUE(
      contains(entries[0].note, "fault injected: connection dropped once on any method /token"))
      << entries[0].note;
}

TEST_F(HttpServerTest, PathsUnderAnUntracedPrefixStayOutOfTheTrace) {
  server_.routes().Get(R"(/_harness/.*)", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server_.routes().Get("/real", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server_.skip_tracing_under("/_harness/");
  server_.start();
  ASSERT_TRUE(client().Get("/_harness/clock"));
  ASSERT_TRUE(client().Get("/real"));
  ASSERT_TRUE(client().Get("/_harness/trace"));
  EXPECT_TRUE(trace_.settle(std::chrono::milliseconds(2000)))
      << "an untraced request left a reserved trace position unrecorded";
  server_.stop();
  const auto entries = trace_.entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].path, "/real");
}

TEST_F(HttpServerTest, WorksWithoutTraceOrClock) {
  HttpServer s("p", nullptr, nullptr);
  s.routes().Get("/", [](const httplib::Request&, httplib::Response& res) {
    HttpServer::note(res, "ignored");
    res.set_content("ok", "text/plain");
  });
  s.start();
  httplib::Client c("127.0.0.1", s.port());
  auto res = c.Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "ok");
}

TEST_F(HttpServerTest, ServesConcurrentClients) {
  server_.routes().Get("/n", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server_.start();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", server_.port());
      for (int k = 0; k < 10; ++k) {
        if (auto r = c.Get("/n"); r && r->status == 200) ok.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 40);
  server_.stop();
  EXPECT_EQ(trace_.size(), 40u);
}

httplib::Request form_request(std::string content_type, std::string body) {
  httplib::Request req;
  req.method = "POST";
  if (!content_type.empty()) req.headers.emplace("Content-Type", content_type);
  req.body = std::move(body);
  return req;
}

std::string form_error(const httplib::Request& req) {
  try {
    form_params(req);
  } catch (const OAuthError& e) {
    EXPECT_EQ(e.error(), "invalid_request");
    EXPECT_EQ(e.status(), 400);
    return e.description();
  }
  ADD_FAILURE() << "form_params accepted the request";
  return "";
}

TEST(FormParams, ParsesFormBodyInOrder) {
  Params p = form_params(form_request("application/x-www-form-urlencoded", "b=2&a=1+1&b=3"));
  EXPECT_EQ(p.encode(), "b=2&a=1%201&b=3");
}

TEST(FormParams, AcceptsCharsetParameter) {
  Params p = form_params(form_request("application/x-www-form-urlencoded; charset=UTF-8", "a=1"));
  EXPECT_EQ(p.get("a"), "1");
}

TEST(FormParams, MediaTypeIsCaseInsensitive) {
  Params p = form_params(form_request("Application/X-WWW-Form-Urlencoded", "a=1"));
  EXPECT_EQ(p.get("a"), "1");
}

TEST(FormParams, EmptyFormBodyGivesNoParams) {
  EXPECT_TRUE(form_params(form_request("application/x-www-form-urlencoded", "")).empty());
}

TEST(FormParams, RefusesJsonContentTypeNamingIt) {
  EXPECT_TRUE(contains(form_error(form_request("application/json", "{}")), "application/json"));
}

TEST(FormParams, RefusesMissingContentType) {
  EXPECT_TRUE(contains(form_error(form_request("", "a=1")), "Content-Type"));
}

TEST(FormParams, RefusesLookalikeMediaType) {
  form_error(form_request("application/x-www-form-urlencoded-evil", "a=1"));
}

TEST(FormParams, RefusesMalformedEscape) {
  EXPECT_TRUE(contains(form_error(form_request("application/x-www-form-urlencoded", "code=%zz")),
                       "malformed"));
}

TEST(QueryParams, ReadsTheRawQueryInOrderWithDuplicates) {
  httplib::Request req;
  req.target = "/identity/oauth/allow?client_id=a&scope=x+y&client_id=b";
  Params p = query_params(req);
  EXPECT_EQ(p.count("client_id"), 2u);
  EXPECT_EQ(p.get("scope"), "x y");
  EXPECT_EQ(p.items()[0].first, "client_id");
}

TEST(QueryParams, NoQueryGivesNoParams) {
  httplib::Request req;
  req.target = "/x";
  EXPECT_TRUE(query_params(req).empty());
}

TEST(SendJson, SetsStatusContentTypeAndBody) {
  httplib::Response res;
  send_json(res, 201, {{"id", "c1"}});
  EXPECT_EQ(res.status, 201);
  EXPECT_TRUE(contains(res.get_header_value("Content-Type"), "application/json"));
  EXPECT_EQ(json::parse(res.body).at("id"), "c1");
}

TEST(SendOAuthError, SetsStatusChallengeNoStoreAndBody) {
  httplib::Response res;
  send_oauth_error(res, OAuthError::invalid_client("unknown client", true));
  EXPECT_EQ(res.status, 401);
  EXPECT_TRUE(res.has_header("WWW-Authenticate"));
  EXPECT_EQ(res.get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(json::parse(res.body).at("error"), "invalid_client");
}

TEST(SendOAuthError, NoChallengeForA400) {
  httplib::Response res;
  send_oauth_error(res, OAuthError::invalid_grant("used"));
  EXPECT_EQ(res.status, 400);
  EXPECT_FALSE(res.has_header("WWW-Authenticate"));
}

TEST(SendBearerError, SetsStatusChallengeAndBody) {
  httplib::Response res;
  send_bearer_error(res, BearerError::insufficient_scope("jobs_read"));
  EXPECT_EQ(res.status, 403);
  EXPECT_TRUE(contains(res.get_header_value("WWW-Authenticate"), "insufficient_scope"));
  EXPECT_EQ(json::parse(res.body).at("scope"), "jobs_read");
}

TEST(SendHtml, SetsHtmlContentTypeAndNoStore) {
  httplib::Response res;
  send_html(res, 400, "<p>bad</p>");
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(contains(res.get_header_value("Content-Type"), "text/html"));
  EXPECT_EQ(res.get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(res.body, "<p>bad</p>");
}

TEST(HtmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(html_escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(html_escape("plain text"), "plain text");
  EXPECT_EQ(html_escape(""), "");
}

class ReadyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("oauthsim-ready-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(ReadyFile, WritesValidJsonAndLeavesNoTemporaryFile) {
  const auto path = (dir_ / "ready.json").string();
  write_ready_file(path, {{"authorization_server", "http://127.0.0.1:1234"}});
  std::ifstream in(path);
  json j = json::parse(in);
  EXPECT_EQ(j.at("authorization_server"), "http://127.0.0.1:1234");
  int files = 0;
  for ([[maybe_unused]] const auto& f : std::filesystem::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1);
}

TEST_F(ReadyFile, ReplacesAnExistingFile) {
  const auto path = (dir_ / "ready.json").string();
  std::ofstream(path) << "stale and much longer content than the new one";
  write_ready_file(path, {{"client", "http://127.0.0.1:1"}});
  std::ifstream in(path);
  EXPECT_EQ(json::parse(in).at("client"), "http://127.0.0.1:1");
}

TEST_F(ReadyFile, UnwritableLocationThrowsNamingThePath) {
  const auto path = (dir_ / "no-such-dir" / "ready.json").string();
  try {
    write_ready_file(path, {{"client", "x"}});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "no-such-dir")) << e.what();
  }
}

TEST(TerminationSignals, WaitReturnsTheSignalThatArrived) {
  int received = 0;
  // In its own thread so the test runner's signal mask is left alone.
  std::thread t([&] {
    block_termination_signals();
    pthread_kill(pthread_self(), SIGTERM);
    received = wait_for_termination_signal();
  });
  t.join();
  EXPECT_EQ(received, SIGTERM);
}

TEST(TerminationSignals, SigintIsAlsoWaitedFor) {
  int received = 0;
  std::thread t([&] {
    block_termination_signals();
    pthread_kill(pthread_self(), SIGINT);
    received = wait_for_termination_signal();
  });
  t.join();
  EXPECT_EQ(received, SIGINT);
}

}  // namespace
}  // namespace oauthsim::common
