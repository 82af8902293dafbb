#include "oauthsim/rs/resource_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fake_token_verifier.h"
#include "oauthsim/common/encoding.h"
#include "oauthsim/common/url.h"

namespace oauthsim::rs {
namespace {

using nlohmann::json;

constexpr const char* kAllScopes =
    "user_me_read jobs_read candidates_read candidates_create configuration_read";

class ResourceServerTest : public ::testing::Test {
 protected:
  void SetUp() override { start_server(1000, 8); }

  void start_server(int per_second, int concurrent) {
    if (server) server->stop();
    client.reset();
    common::Config config = common::default_config();
    config.rate_limit.requests_per_second = per_second;
    config.rate_limit.concurrent = concurrent;
    server = std::make_unique<ResourceServer>(config, clock, verifier, &trace);
    port = server->start("127.0.0.1", 0);
    client = std::make_unique<httplib::Client>("127.0.0.1", port);
    client->set_connection_timeout(5);
    client->set_read_timeout(5);
  }

  void add_token(const std::string& token, const std::string& user, const std::string& scope) {
    common::TokenInfo info;
    info.client_id = "acme-ats";
    info.username = user;
    info.scope = scope;
    info.iat = clock.now_seconds();
    info.exp = clock.now_seconds() + 1800;
    info.grant_id = "grant-" + token;
    verifier.add(token, info);
  }

  httplib::Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }

  httplib::Result get(const std::string& path, const std::string& token) {
    return client->Get(path.c_str(), bearer(token));
  }
  httplib::Result post_json(const std::string& path, const std::string& token,
                            const std::string& body) {
    return client->Post(path.c_str(), bearer(token), body, "application/json");
  }
  static json body_of(const httplib::Result& r) { return json::parse(r->body); }
  // SR's error body: {"message", "errors": [{"code", "message", "field"?}]}; the one error.
  static json error_of(const httplib::Result& r) {
    auto body = body_of(r);
    EXPECT_TRUE(body["message"].is_string()) << r->body;
    EXPECT_TRUE(body["errors"].is_array() && body["errors"].size() == 1) << r->body;
    if (!body["errors"].is_array() || body["errors"].empty()) return json::object();
    EXPECT_TRUE(body["errors"][0]["code"].is_string()) << r->body;
    EXPECT_TRUE(body["errors"][0]["message"].is_string()) << r->body;
    return body["errors"][0];
  }

  common::VirtualClock clock;
  testing::FakeTokenVerifier verifier;
  common::Trace trace;
  std::unique_ptr<ResourceServer> server;
  std::unique_ptr<httplib::Client> client;
  int port = 0;
};

// ---- authentication and scopes (RFC 6750) ----

TEST_F(ResourceServerTest, MissingTokenIs401WithBareBearerChallenge) {
  auto r = client->Get("/jobs");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->get_header_value("WWW-Authenticate"),
            "Bearer realm=\"SmartRecruiters Customer API\"");
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  // SR: rate-limit information on every answer; no credential spent nothing.
  EXPECT_EQ(r->get_header_value("X-RateLimit-Remaining"), r->get_header_value("X-RateLimit-Limit"));
}

TEST_F(ResourceServerTest, UnknownTokenIs401InvalidToken) {
  auto r = get("/jobs", "nobody-knows-me");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_NE(r->get_header_value("WWW-Authenticate").find("error=\"invalid_token\""),
            std::string::npos);
  EXPECT_EQ(body_of(r)["error"], "invalid_token");
}

TEST_F(ResourceServerTest, RevokedTokenIsRefusedOnTheVeryNextRequest) {
  add_token("t1", "alice@example.com", kAllScopes);
  ASSERT_EQ(get("/jobs", "t1")->status, 200);
  verifier.revoke("t1");
  EXPECT_EQ(get("/jobs", "t1")->status, 401);
}

TEST_F(ResourceServerTest, TokenPastItsExpiryOnTheSharedClockIsInvalid) {
  add_token("t1", "alice@example.com", kAllScopes);
  clock.advance_seconds(1801);
  auto r = get("/jobs", "t1");
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(body_of(r)["error"], "invalid_token");
}

TEST_F(ResourceServerTest, TokenOfADeletedUserIsInvalid) {
  add_token("t1", "mallory@example.com", kAllScopes);
  EXPECT_EQ(get("/jobs", "t1")->status, 401);
}

TEST_F(ResourceServerTest, MissingScopeIs403InsufficientScopeNamingTheScope) {
  add_token("t1", "alice@example.com", "user_me_read");
  auto r = get("/jobs", "t1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  auto challenge = r->get_header_value("WWW-Authenticate");
  EXPECT_NE(challenge.find("error=\"insufficient_scope\""), std::string::npos) << challenge;
  EXPECT_NE(challenge.find("scope=\"jobs_read\""), std::string::npos) << challenge;
  EXPECT_EQ(body_of(r)["scope"], "jobs_read");
}

TEST_F(ResourceServerTest, TokenInQueryIs400InvalidRequestAndNotAccepted) {
  add_token("t1", "alice@example.com", kAllScopes);
  auto r = client->Get("/jobs?access_token=t1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(body_of(r)["error"], "invalid_request");
  // Even alongside a valid header.
  EXPECT_EQ(client->Get("/jobs?access_token=t1", bearer("t1"))->status, 400);
  EXPECT_EQ(verifier.calls(), 0) << "a token from the URI must never be looked up";
}

TEST_F(ResourceServerTest, TokenInFormBodyIs400InvalidRequest) {
  add_token("t1", "alice@example.com", kAllScopes);
  auto r = client->Post("/candidates", "access_token=t1", "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(body_of(r)["error"], "invalid_request");
}

TEST_F(ResourceServerTest, MalformedAuthorizationHeaderIs400InvalidRequest) {
  auto r = client->Get("/jobs", {{"Authorization", "Bearer two words"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->get_header_value("WWW-Authenticate").find("invalid_request"), std::string::npos);
}

TEST_F(ResourceServerTest, VerifierDownIs503NotInvalidToken) {
  add_token("t1", "alice@example.com", kAllScopes);
  verifier.set_unavailable(true);
  auto r = get("/jobs", "t1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(error_of(r)["code"], "SERVICE_UNAVAILABLE");
}

// ---- rate limits ----

TEST_F(ResourceServerTest, RateLimitRefusesWith429ThenAllowsAfterTheWindow) {
  start_server(3, 8);
  add_token("t1", "alice@example.com", kAllScopes);
  for (int i = 0; i < 3; ++i) {
    auto r = get("/jobs", "t1");
    ASSERT_EQ(r->status, 200) << i;
    EXPECT_EQ(r->get_header_value("X-RateLimit-Remaining"), std::to_string(2 - i));
  }
  auto refused = get("/jobs", "t1");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(refused->get_header_value("Retry-After"), "1");
  EXPECT_EQ(refused->get_header_value("X-RateLimit-Remaining"), "0");
  EXPECT_EQ(error_of(refused)["code"], "RATE_LIMIT_EXCEEDED");

  // Another endpoint has its own budget.
  EXPECT_EQ(get("/configuration/company", "t1")->status, 200);

  clock.advance_seconds(1);
  EXPECT_EQ(get("/jobs", "t1")->status, 200);
}

// POST /_oauthsim/reset: everything the control API or a scenario changed here is as the
// configuration says again.
TEST_F(ResourceServerTest, ResetRestoresAccessRateWindowsDataAndFaultsAsConfigured) {
  common::Config config = common::default_config();
  config.rate_limit.requests_per_second = 1;
  config.companies_without_customer_api = {"Globex"};
  server->stop();
  server = std::make_unique<ResourceServer>(config, clock, verifier, &trace);
  port = server->start("127.0.0.1", 0);
  client = std::make_unique<httplib::Client>("127.0.0.1", port);
  add_token("alice", "alice@example.com", kAllScopes);
  server->set_customer_api_access("Globex", true);
  auto created =
      post_json("/candidates", "alice",
                R"({"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com"})");
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = body_of(created)["id"];
  ASSERT_EQ(get("/jobs", "alice")->status, 200);
  ASSERT_EQ(get("/jobs", "alice")->status, 429);
  common::InjectedFault fault;
  fault.path = "/users/me";
  fault.status = 503;
  server->faults().add(fault);
  server->set_customer_api_access("Acme", false);

  server->reset();
  EXPECT_FALSE(server->has_customer_api_access("Globex")) << "off in the configuration";
  EXPECT_TRUE(server->has_customer_api_access("Acme"));
  EXPECT_TRUE(server->faults().pending().empty());
  EXPECT_EQ(get("/jobs", "alice")->status, 200) << "the rate window is empty again";
  EXPECT_EQ(get("/candidates/" + id, "alice")->status, 404) << "created through the API";
  EXPECT_EQ(get("/users/me", "alice")->status, 200);
}

TEST_F(ResourceServerTest, RateLimitIsPerCredential) {
  start_server(1, 8);
  add_token("alice", "alice@example.com", kAllScopes);
  add_token("bob", "bob@example.com", kAllScopes);
  EXPECT_EQ(get("/jobs", "alice")->status, 200);
  EXPECT_EQ(get("/jobs", "alice")->status, 429);
  EXPECT_EQ(get("/jobs", "bob")->status, 200);
}

TEST_F(ResourceServerTest, EveryAuthenticatedResponseCarriesRateLimitHeaders) {
  start_server(10, 8);
  add_token("t1", "alice@example.com", "user_me_read");
  for (const char* path : {"/users/me", "/jobs"}) {  // 200 and 403
    auto r = get(path, "t1");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("X-RateLimit-Limit"), "10") << path;
    EXPECT_TRUE(r->has_header("X-RateLimit-Remaining")) << path;
    EXPECT_EQ(r->get_header_value("X-RateLimit-Concurrent-Limit"), "8") << path;
    EXPECT_EQ(r->get_header_value("X-RateLimit-Concurrent-Remaining"), "7") << path;
  }
}

TEST_F(ResourceServerTest, EveryAnswerCarriesTheFourRateLimitHeadersRefusalsIncluded) {
  add_token("t1", "alice@example.com", "user_me_read");
  std::vector<std::pair<std::string, httplib::Result>> answers;
  answers.emplace_back("no token", client->Get("/jobs"));
  answers.emplace_back("unknown token", get("/jobs", "nobody"));
  answers.emplace_back("missing scope", get("/jobs", "t1"));
  add_token("t2", "alice@example.com", kAllScopes);
  answers.emplace_back("bad parameter", get("/jobs?limit=0", "t2"));
  answers.emplace_back("unknown path", get("/nothing", "t1"));
  answers.emplace_back("wrong method", client->Delete("/jobs"));
  answers.emplace_back("token in query", client->Get("/jobs?access_token=t1"));
  verifier.set_unavailable(true);
  answers.emplace_back("verifier down", get("/jobs", "t1"));
  for (const auto& [what, r] : answers) {
    ASSERT_TRUE(r) << what;
    for (const char* h : {"X-RateLimit-Limit", "X-RateLimit-Remaining",
                          "X-RateLimit-Concurrent-Limit", "X-RateLimit-Concurrent-Remaining"}) {
      EXPECT_TRUE(r->has_header(h)) << what << " (" << r->status << ") lacks " << h;
    }
  }
}

// A request sent on its own thread; with a delay fault it stays in flight on the server.
class HeldRequest {
 public:
  HeldRequest(int port, const std::string& path, const std::string& token)
      : thread_([this, port, path, token] {
          httplib::Client c("127.0.0.1", port);
          c.set_read_timeout(30);
          auto r = c.Get(path.c_str(), {{"Authorization", "Bearer " + token}});
          status_ = r ? r->status : -1;
        }) {}
  ~HeldRequest() { join(); }
  int join() {
    if (thread_.joinable()) thread_.join();
    return status_;
  }

 private:
  std::atomic<int> status_{0};
  std::thread thread_;
};

TEST_F(ResourceServerTest, ADelayedRequestHoldsItsSlotAndOnlyOneGetCandidatesRunsAtOnce) {
  add_token("t1", "alice@example.com", kAllScopes);
  common::InjectedFault slow;
  slow.method = "GET";
  slow.path = "/candidates";
  slow.delay = std::chrono::milliseconds(3000);
  server->faults().add(slow);
  HeldRequest held(port, "/candidates?limit=1", "t1");
  // Wait (by condition, not by time) until the delayed request holds its slot.
  bool in_flight = false;
  for (int i = 0; i < 10'000 && !in_flight; ++i) {
    auto probe = get("/jobs?limit=1", "t1");
    ASSERT_EQ(probe->status, 200);
    in_flight = probe->get_header_value("X-RateLimit-Concurrent-Remaining") == "6";
  }
  ASSERT_TRUE(in_flight) << "the delayed GET /candidates never showed as in flight";
  auto second = get("/candidates?limit=1", "t1");
  ASSERT_EQ(second->status, 429) << second->body;
  EXPECT_EQ(error_of(second)["code"], "CONCURRENT_LIMIT_EXCEEDED");
  EXPECT_EQ(second->get_header_value("X-RateLimit-Concurrent-Limit"), "1");
  EXPECT_EQ(second->get_header_value("X-RateLimit-Concurrent-Remaining"), "0");
  EXPECT_EQ(held.join(), 200);
  EXPECT_EQ(get("/candidates?limit=1", "t1")->status, 200) << "the slot is free again";
}

// ---- routes ----

TEST_F(ResourceServerTest, UsersMeAnswersTheTokensUser) {
  add_token("t1", "alice@example.com", kAllScopes);
  auto r = get("/users/me", "t1");
  ASSERT_EQ(r->status, 200);
  auto me = body_of(r);
  EXPECT_EQ(me["email"], "alice@example.com");
  EXPECT_EQ(me["firstName"], "Alice");
  EXPECT_EQ(me["lastName"], "Liddell");
  EXPECT_EQ(me["active"], true);
  EXPECT_EQ(me["systemRole"]["id"], "ADMINISTRATOR");
  EXPECT_EQ(me["language"]["code"], "en");
  EXPECT_TRUE(me["id"].is_string());
  EXPECT_TRUE(me["updatedOn"].is_string());
}

TEST_F(ResourceServerTest, UsersMeWithClientCredentialsTokenIs403NoUserContext) {
  add_token("cc", "", kAllScopes);
  auto r = get("/users/me", "cc");
  ASSERT_EQ(r->status, 403);
  EXPECT_NE(body_of(r)["message"].get<std::string>().find("No user context"), std::string::npos);
  EXPECT_EQ(error_of(r)["code"], "NO_USER_CONTEXT");
  EXPECT_FALSE(r->has_header("WWW-Authenticate")) << "not an OAuth challenge";
  EXPECT_EQ(get("/jobs", "cc")->status, 200) << "client_credentials tokens still read company data";
}

TEST_F(ResourceServerTest, JobsPageByCursorWithNextPageIdAndLink) {
  add_token("t1", "alice@example.com", kAllScopes);
  std::set<std::string> seen;
  std::string path = "/jobs?limit=10";
  int pages = 0;
  while (!path.empty() && pages < 10) {
    auto r = get(path, "t1");
    ASSERT_EQ(r->status, 200) << path << " " << r->body;
    auto page = body_of(r);
    EXPECT_EQ(page["limit"], 10);
    EXPECT_EQ(page["totalFound"], 25);
    EXPECT_FALSE(page.contains("offset"));
    for (const auto& j : page["content"]) EXPECT_TRUE(seen.insert(j["id"]).second);
    ++pages;
    path.clear();
    if (page.contains("nextPageId")) {
      auto link = r->get_header_value("Link");
      auto url = common::parse_url(link.substr(1, link.find('>') - 1));
      ASSERT_TRUE(url) << link;
      EXPECT_EQ(url->query_params().get("pageId"), page["nextPageId"].get<std::string>());
      path = "/jobs?limit=10&pageId=" + page["nextPageId"].get<std::string>();
    }
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 25u);
}

TEST_F(ResourceServerTest, OffsetIs400NamingOffsetOnBothLists) {
  add_token("t1", "alice@example.com", kAllScopes);
  for (const char* q : {"/jobs?offset=20", "/candidates?limit=2&offset=2", "/jobs?offset=0"}) {
    auto r = get(q, "t1");
    ASSERT_EQ(r->status, 400) << q;
    EXPECT_EQ(error_of(r)["field"], "offset") << q;
    EXPECT_NE(body_of(r)["message"].get<std::string>().find("pageId"), std::string::npos);
  }
}

TEST_F(ResourceServerTest, JobFiltersApplyAndTheLinkKeepsThem) {
  add_token("t1", "alice@example.com", kAllScopes);
  auto all = body_of(get("/jobs?limit=100", "t1"))["content"];
  std::string status = all[0]["status"];
  std::string posting = all[0]["postingStatus"];
  auto r = get("/jobs?limit=1&status=" + status + "&postingStatus=" + posting, "t1");
  ASSERT_EQ(r->status, 200);
  auto page = body_of(r);
  int expected = 0;
  for (const auto& j : all) expected += j["status"] == status && j["postingStatus"] == posting;
  EXPECT_EQ(page["totalFound"], expected);
  if (expected > 1) {
    auto url = common::parse_url(r->get_header_value("Link").substr(1));
    ASSERT_TRUE(url);
    EXPECT_EQ(url->query_params().get("status"), status);
    EXPECT_EQ(url->query_params().get("postingStatus"), posting);
  }
  std::string updated = all[0]["updatedOn"];
  // Held in a variable: a range-for over a member of a temporary would read freed memory.
  const auto newer = body_of(get("/jobs?limit=100&updatedAfter=" + updated, "t1"));
  for (const auto& j : newer["content"]) EXPECT_GT(j["updatedOn"].get<std::string>(), updated);
  auto bad = get("/jobs?updatedAfter=yesterday", "t1");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(error_of(bad)["field"], "updatedAfter");
}

TEST_F(ResourceServerTest, ParameterRepeatedWhereSrDoesNotAllowItIs400NamingIt) {
  add_token("t1", "alice@example.com", kAllScopes);
  for (const auto& [path, name] : std::vector<std::pair<std::string, std::string>>{
           {"/jobs?status=SOURCING&status=FILLED", "status"},
           {"/jobs?q=a&q=b", "q"},
           {"/jobs?postingStatus=PUBLIC&postingStatus=INTERNAL", "postingStatus"},
           {"/jobs?updatedAfter=2026-01-01&updatedAfter=2026-01-02", "updatedAfter"},
           {"/candidates?q=a&q=b", "q"},
           {"/candidates?updatedAfter=2026-01-01&updatedAfter=2026-01-02", "updatedAfter"},
           {"/candidates?limit=1&limit=2", "limit"}}) {
    auto r = get(path, "t1");
    ASSERT_EQ(r->status, 400) << path;
    EXPECT_EQ(error_of(r)["field"], name) << path;
  }
}

TEST_F(ResourceServerTest, CandidateFiltersRepeatWhereSrAllowsIt) {
  add_token("t1", "alice@example.com", kAllScopes);
  auto all = body_of(get("/candidates?limit=100", "t1"))["content"];
  auto count = [&](auto pred) {
    int n = 0;
    for (const auto& c : all) n += pred(c) ? 1 : 0;
    return n;
  };
  auto status_of = [](const json& c) {
    return c["primaryAssignment"].is_null() ? std::string()
                                            : c["primaryAssignment"]["status"].get<std::string>();
  };
  auto r = get("/candidates?limit=100&status=NEW&status=OFFER", "t1");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body_of(r)["totalFound"],
            count([&](const json& c) { return status_of(c) == "NEW" || status_of(c) == "OFFER"; }));

  auto has_tag = [](const json& c, const char* t) {
    for (const auto& x : c["tags"]) {
      if (x == t) return true;
    }
    return false;
  };
  r = get("/candidates?limit=100&tag=senior&tag=remote", "t1");
  EXPECT_EQ(body_of(r)["totalFound"],
            count([&](const json& c) { return has_tag(c, "senior") || has_tag(c, "remote"); }));

  std::string city = all[0]["location"]["city"];
  std::string job_id;
  for (const auto& c : all) {
    if (!c["primaryAssignment"].is_null()) job_id = c["primaryAssignment"]["job"]["id"];
  }
  r = get("/candidates?limit=100&location=" + common::url_encode(city) + "&jobId=" + job_id +
              "&jobId=no-such-job",
          "t1");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(body_of(r)["totalFound"], count([&](const json& c) {
              return c["location"]["city"] == city && !c["primaryAssignment"].is_null() &&
                     c["primaryAssignment"]["job"]["id"] == job_id;
            }));
  auto empty = get("/candidates?tag=", "t1");
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(error_of(empty)["field"], "tag");
}

TEST_F(ResourceServerTest, JobsLimitOutOfRangeIs400NamingLimit) {
  add_token("t1", "alice@example.com", kAllScopes);
  for (const char* q : {"/jobs?limit=0", "/jobs?limit=101", "/jobs?limit=ten"}) {
    auto r = get(q, "t1");
    ASSERT_EQ(r->status, 400) << q;
    EXPECT_EQ(error_of(r)["field"], "limit") << q;
    EXPECT_EQ(error_of(r)["code"], "INVALID_PARAMETER") << q;
  }
}

TEST_F(ResourceServerTest, JobsStatusFilterNarrowsTheList) {
  add_token("t1", "alice@example.com", kAllScopes);
  auto all = body_of(get("/jobs?limit=100", "t1"));
  std::string status = all["content"][0]["status"];
  auto filtered = body_of(get("/jobs?limit=100&status=" + status, "t1"));
  EXPECT_LE(filtered["totalFound"].get<int>(), 25);
  for (const auto& j : filtered["content"]) EXPECT_EQ(j["status"], status);
}

TEST_F(ResourceServerTest, JobByIdAndUnknownJobIs404Json) {
  add_token("t1", "alice@example.com", kAllScopes);
  auto first = body_of(get("/jobs?limit=1", "t1"))["content"][0];
  auto r = get("/jobs/" + first["id"].get<std::string>(), "t1");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(body_of(r)["id"], first["id"]);
  auto missing = get("/jobs/no-such-job", "t1");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(error_of(missing)["code"], "NOT_FOUND");
}

TEST_F(ResourceServerTest, PagingThroughAllCandidatesViaNextPageIdAndLink) {
  add_token("t1", "alice@example.com", kAllScopes);
  std::set<std::string> seen;
  std::string path = "/candidates?limit=10";
  int pages = 0;
  while (!path.empty() && pages < 20) {
    auto r = get(path, "t1");
    ASSERT_EQ(r->status, 200) << path;
    auto page = body_of(r);
    EXPECT_EQ(page["totalFound"], 37);
    EXPECT_EQ(page["limit"], 10);
    for (const auto& c : page["content"]) EXPECT_TRUE(seen.insert(c["id"]).second);
    ++pages;
    path.clear();
    if (page.contains("nextPageId")) {
      auto link = r->get_header_value("Link");
      ASSERT_EQ(link.rfind("<http://127.0.0.1:" + std::to_string(port) + "/candidates?", 0), 0u)
          << link;
      ASSERT_NE(link.find(">; rel=\"next\""), std::string::npos) << link;
      auto url = common::parse_url(link.substr(1, link.find('>') - 1));
      ASSERT_TRUE(url);
      EXPECT_EQ(url->query_params().get("pageId"), page["nextPageId"].get<std::string>());
      path = url->path_and_query();
    } else {
      EXPECT_FALSE(r->has_header("Link"));
    }
  }
  EXPECT_EQ(pages, 4);
  EXPECT_EQ(seen.size(), 37u);
}

TEST_F(ResourceServerTest, TamperedPageIdIs400) {
  add_token("t1", "alice@example.com", kAllScopes);
  auto r = get("/candidates?pageId=bm90LWEtcGFnZQ", "t1");
  ASSERT_EQ(r->status, 400);
  EXPECT_EQ(error_of(r)["field"], "pageId");
}

TEST_F(ResourceServerTest, PageIdOfAnotherCompanyIs400) {
  add_token("alice", "alice@example.com", kAllScopes);
  add_token("bob", "bob@example.com", kAllScopes);
  std::string next = body_of(get("/candidates", "alice"))["nextPageId"];
  EXPECT_EQ(get("/candidates?pageId=" + next, "bob")->status, 400);
}

TEST_F(ResourceServerTest, PostCandidateIs201ThenVisibleInItsCompanyOnly) {
  add_token("alice", "alice@example.com", kAllScopes);
  add_token("bob", "bob@example.com", kAllScopes);
  auto r = post_json("/candidates", "alice",
                     R"({"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com"})");
  ASSERT_EQ(r->status, 201) << r->body;
  auto created = body_of(r);
  std::string id = created["id"];
  EXPECT_EQ(created["firstName"], "Ada");
  EXPECT_EQ(r->get_header_value("Location"),
            "http://127.0.0.1:" + std::to_string(port) + "/candidates/" + id);

  EXPECT_EQ(body_of(get("/candidates/" + id, "alice"))["email"], "ada@example.com");
  auto list = body_of(get("/candidates?limit=100", "alice"));
  EXPECT_EQ(list["totalFound"], 38);
  EXPECT_EQ(list["content"].back()["id"], id);

  EXPECT_EQ(get("/candidates/" + id, "bob")->status, 404);
  EXPECT_EQ(body_of(get("/candidates?limit=1", "bob"))["totalFound"], 37);
}

TEST_F(ResourceServerTest, PostCandidateWithBadBodyIs400NamingTheField) {
  add_token("t1", "alice@example.com", kAllScopes);
  auto r = post_json("/candidates", "t1", R"({"firstName":"Ada","lastName":"L","email":"nope"})");
  ASSERT_EQ(r->status, 400);
  EXPECT_EQ(error_of(r)["field"], "email");
  EXPECT_EQ(error_of(r)["code"], "INVALID_FIELD");
  r = post_json("/candidates", "t1", R"({"lastName":"L","email":"a@b.co"})");
  EXPECT_EQ(error_of(r)["field"], "firstName");
  r = post_json("/candidates", "t1", "{not json");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(error_of(r)["code"], "INVALID_BODY");
  EXPECT_FALSE(error_of(r).contains("field"));
}

TEST_F(ResourceServerTest, SecondCandidateWithTheSameEmailIs409CandidateDataConflict) {
  add_token("t1", "alice@example.com", kAllScopes);
  const char* body = R"({"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com"})";
  ASSERT_EQ(post_json("/candidates", "t1", body)->status, 201);
  auto r = post_json("/candidates", "t1", body);
  ASSERT_EQ(r->status, 409);
  EXPECT_EQ(error_of(r)["code"], "CANDIDATE_DATA_CONFLICT");
  EXPECT_EQ(body_of(get("/candidates?limit=1", "t1"))["totalFound"], 38) << "nothing was added";
}

TEST_F(ResourceServerTest, PostCandidateNeedsCandidatesCreate) {
  add_token("t1", "alice@example.com", "candidates_read");
  auto r = post_json("/candidates", "t1", R"({"firstName":"A","lastName":"L","email":"a@b.co"})");
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(body_of(r)["scope"], "candidates_create");
}

TEST_F(ResourceServerTest, PostJobCandidateAttachesToTheJob) {
  add_token("t1", "alice@example.com", kAllScopes);
  std::string job_id = body_of(get("/jobs?limit=1", "t1"))["content"][0]["id"];
  auto r = post_json("/jobs/" + job_id + "/candidates", "t1",
                     R"({"firstName":"Grace","lastName":"Hopper","email":"grace@example.com"})");
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(body_of(r)["primaryAssignment"]["job"]["id"], job_id);
  EXPECT_EQ(body_of(r)["primaryAssignment"]["status"], "NEW");
  auto missing = post_json("/jobs/no-such-job/candidates", "t1",
                           R"({"firstName":"G","lastName":"H","email":"g@example.com"})");
  EXPECT_EQ(missing->status, 404);
}

TEST_F(ResourceServerTest, CompanyConfigurationNamesTheUsersCompany) {
  add_token("alice", "alice@example.com", kAllScopes);
  add_token("bob", "bob@example.com", kAllScopes);
  auto acme = body_of(get("/configuration/company", "alice"));
  auto globex = body_of(get("/configuration/company", "bob"));
  EXPECT_EQ(acme["name"], "Acme");
  EXPECT_EQ(globex["name"], "Globex");
  EXPECT_NE(acme["id"], globex["id"]);
}

TEST_F(ResourceServerTest, UnknownRouteIs404JsonAndWrongMethodIs405) {
  auto r = client->Get("/nothing/here");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(error_of(r)["code"], "NOT_FOUND");
  auto d = client->Delete("/jobs");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 405);
  EXPECT_EQ(error_of(d)["code"], "METHOD_NOT_ALLOWED");
  EXPECT_EQ(d->get_header_value("Allow"), "GET");
}

TEST_F(ResourceServerTest, AnIdHoldingALineFeedReachesItsRouteAndOtherSuchPathsGetABare404) {
  // cpp-httplib decodes %0A in the path; "[^/]+" takes it, ".*" does not.
  add_token("tok", "alice@example.com", kAllScopes);
  auto job = get("/jobs/a%0Ab", "tok");
  ASSERT_TRUE(job);
  EXPECT_EQ(job->status, 404);
  EXPECT_EQ(error_of(job)["code"], "NOT_FOUND");
  EXPECT_NE(job->body.find("Job not found"), std::string::npos) << job->body;
  auto put = client->Put("/candidates/a%0Db", "{}", "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  EXPECT_EQ(put->get_header_value("Allow"), "GET");
  auto unknown = get("/nothing%0Ahere", "tok");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(unknown->body, "") << "no route reaches it: cpp-httplib answers";
}

// ---- trace ----

TEST_F(ResourceServerTest, TraceRecordsRefusalFromTheClientWithoutTheToken) {
  add_token("secret-token-value", "alice@example.com", "user_me_read");
  get("/jobs", "secret-token-value");
  // The trace entry is written after the answer is sent; stopping joins the workers.
  server->stop();
  auto entries = trace.entries();
  ASSERT_EQ(entries.size(), 1u);
  const auto& e = entries[0];
  EXPECT_EQ(e.from, common::party::kClient);
  EXPECT_EQ(e.to, common::party::kResourceServer);
  EXPECT_EQ(e.status, 403);
  EXPECT_EQ(e.note, "refused: insufficient_scope jobs_read");
  EXPECT_EQ(e.to_json().dump().find("secret-token-value"), std::string::npos);
}

TEST_F(ResourceServerTest, CompaniesWithoutCustomerApiAreCapped) {
  // Any name may be switched off through the control API, and the list lives as long as serve.
  for (std::size_t i = 0; i < ResourceServer::kMaxCompaniesWithoutApi; ++i) {
    server->set_customer_api_access("company-" + std::to_string(i), false);
  }
  EXPECT_THROW(server->set_customer_api_access("one-more", false), std::length_error);
  EXPECT_TRUE(server->has_customer_api_access("one-more"));
  server->set_customer_api_access("company-0", false);  // already off: no new entry
  server->set_customer_api_access("company-0", true);
  server->set_customer_api_access("one-more", false);
  EXPECT_FALSE(server->has_customer_api_access("one-more"));
}

}  // namespace
}  // namespace oauthsim::rs
