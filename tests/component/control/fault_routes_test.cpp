// POST, GET and DELETE /_oauthsim/faults: faults fire on the server named, as described.
#include <gtest/gtest.h>

#include <chrono>

#include "control_fixture.h"

namespace oauthsim::control::testing {
namespace {

using nlohmann::json;

TEST_F(ControlApiTest, PostedFaultAnswers201WithTheFaultAsListed) {
  auto res = post_json("/_oauthsim/faults", {{"server", "authorization_server"},
                                             {"method", "POST"},
                                             {"path", "/identity/oauth/token"},
                                             {"status", 503},
                                             {"retry_after", 2},
                                             {"times", 2}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
  const auto fault = json_of(res);
  EXPECT_EQ(fault.at("server"), "authorization_server");
  EXPECT_EQ(fault.at("method"), "POST");
  EXPECT_EQ(fault.at("path"), "/identity/oauth/token");
  EXPECT_EQ(fault.at("status"), 503);
  EXPECT_EQ(fault.at("retry_after"), 2);
  EXPECT_EQ(fault.at("remaining"), 2);
  EXPECT_EQ(fault.at("drop_connection"), false);

  auto listed = json_of(call("GET", "/_oauthsim/faults")).at("faults");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0], fault);
}

// A client credentials token request on the Customer API's host (SR's current docs post there).
httplib::Result post_token_on_api_host(int api_port) {
  httplib::Client c("127.0.0.1", api_port);
  c.set_read_timeout(5);
  return c.Post("/identity/oauth/token",
                common::Params{{"grant_type", "client_credentials"},
                               {"client_id", "acme-ats"},
                               {"client_secret", "acme-secret"}}
                    .encode(),
                "application/x-www-form-urlencoded");
}

TEST_F(ControlApiTest, AFaultOnTheTokenEndpointFiresOnTheCustomerApisHostToo) {
  ASSERT_EQ(post_json("/_oauthsim/faults", {{"server", "authorization_server"},
                                            {"path", "/identity/oauth/token"},
                                            {"quirk", "empty_json_200"}})
                ->status,
            201);
  auto quirk = post_token_on_api_host(api_port);
  ASSERT_TRUE(quirk);
  EXPECT_EQ(quirk->status, 200);
  EXPECT_EQ(quirk->body, "{}");
  EXPECT_TRUE(json_of(call("GET", "/_oauthsim/faults")).at("faults").empty()) << "spent there";
  EXPECT_EQ(json_of(post_token_on_api_host(api_port)).value("token_type", ""), "Bearer");

  // The trace names the party and the socket that answered.
  ASSERT_TRUE(trace.settle());
  std::vector<common::TraceEntry> token_entries;
  for (const auto& e : trace.entries()) {
    if (e.path == "/identity/oauth/token") token_entries.push_back(e);
  }
  ASSERT_EQ(token_entries.size(), 2u);
  EXPECT_EQ(token_entries[0].observer, common::party::kAuthorizationServer);
  EXPECT_EQ(token_entries[0].fault, common::FaultEffect::kAnswerReplaced);
  EXPECT_EQ(token_entries[0].served_at, api->base_url());
  EXPECT_EQ(token_entries[0].to_json().at("served_at"), api->base_url());
  EXPECT_EQ(token_entries[1].fault, common::FaultEffect::kNone);
}

TEST_F(ControlApiTest, ATokenEndpointFaultQueuedOnTheResourceServerFiresOnlyOnItsHost) {
  ASSERT_EQ(
      post_json("/_oauthsim/faults",
                {{"server", "resource_server"}, {"path", "/identity/oauth/token"}, {"status", 503}})
          ->status,
      201);
  EXPECT_EQ(post_form("/identity/oauth/token", {{"grant_type", "client_credentials"},
                                                {"client_id", "acme-ats"},
                                                {"client_secret", "acme-secret"}})
                ->status,
            200)
      << "the authorization server's own host is not the one named";
  EXPECT_EQ(post_token_on_api_host(api_port)->status, 503);
}

TEST_F(ControlApiTest, FaultFiresOnlyOnTheNamedServerWithStatusAndRetryAfter) {
  ASSERT_EQ(post_json("/_oauthsim/faults", {{"server", "resource_server"},
                                            {"path", "/users/me"},
                                            {"status", 429},
                                            {"retry_after", 7}})
                ->status,
            201);
  const std::string access = alice_tokens().at("access_token");  // authz unaffected
  auto limited = api_get("/users/me", access);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("Retry-After"), "7");
  // One-shot: gone from the list, and the next call is the real answer.
  EXPECT_TRUE(json_of(call("GET", "/_oauthsim/faults")).at("faults").empty());
  EXPECT_EQ(api_get("/users/me", access)->status, 200);
}

TEST_F(ControlApiTest, TokenEndpointFaultSendsTheGivenBodyAndConsumesNoCode) {
  ASSERT_EQ(post_json("/_oauthsim/faults", {{"server", "authorization_server"},
                                            {"path", "/identity/oauth/token"},
                                            {"body", {{"error", "temporarily_unavailable"}}}})
                ->status,
            201);
  const std::string code = obtain_code();
  auto faulted = exchange(code);
  EXPECT_EQ(faulted->status, 503);  // the default status
  EXPECT_EQ(json_of(faulted).at("error"), "temporarily_unavailable");
  EXPECT_EQ(exchange(code)->status, 200) << "the faulted request consumed the code";
}

TEST_F(ControlApiTest, QuirksAnswerAsVendorsMeetThemAtSr) {
  ASSERT_EQ(post_json("/_oauthsim/faults", {{"server", "authorization_server"},
                                            {"path", "/identity/oauth/token"},
                                            {"quirk", "empty_json_200"}})
                ->status,
            201);
  const std::string code = obtain_code();
  auto empty = exchange(code);
  EXPECT_EQ(empty->status, 200);
  EXPECT_EQ(empty->body, "{}");

  ASSERT_EQ(post_json("/_oauthsim/faults", {{"server", "authorization_server"},
                                            {"path", "/identity/oauth/token"},
                                            {"quirk", "non_json_body"}})
                ->status,
            201);
  auto html = exchange(code);
  EXPECT_EQ(html->status, 200);
  EXPECT_EQ(html->get_header_value("Content-Type").rfind("text/html", 0), 0u);
  EXPECT_TRUE(nlohmann::json::parse(html->body, nullptr, false).is_discarded());

  ASSERT_EQ(post_json("/_oauthsim/faults", {{"server", "authorization_server"},
                                            {"path", "/identity/oauth/token"},
                                            {"quirk", "wrong_content_type"}})
                ->status,
            201);
  auto mislabelled = exchange(code);
  EXPECT_EQ(mislabelled->status, 200) << "the real handler answered, with the unspent code";
  EXPECT_EQ(mislabelled->get_header_value("Content-Type").rfind("text/plain", 0), 0u);
  EXPECT_TRUE(json_of(mislabelled).contains("access_token"));
}

TEST_F(ControlApiTest, UnknownQuirkOrQuirkWithAStatusIs400NamingTheField) {
  auto unknown = post_json("/_oauthsim/faults",
                           {{"server", "resource_server"}, {"path", "/jobs"}, {"quirk", "nope"}});
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(description_of(unknown).find("/quirk"), std::string::npos) << description_of(unknown);
  EXPECT_NE(description_of(unknown).find("empty_json_200"), std::string::npos);
  auto both = post_json("/_oauthsim/faults", {{"server", "resource_server"},
                                              {"path", "/jobs"},
                                              {"quirk", "non_json_body"},
                                              {"status", 500}});
  EXPECT_EQ(both->status, 400);
  EXPECT_NE(description_of(both).find("/status"), std::string::npos) << description_of(both);
}

TEST_F(ControlApiTest, ARefusedTlsHandshakeOnAPlainHttpServerIs400) {
  // No handshake ever reaches a plain http server: the fault would wait silently for ever.
  auto refused = post_json("/_oauthsim/faults", {{"server", "authorization_server"},
                                                 {"path", "/identity/oauth/token"},
                                                 {"quirk", "tls_handshake_refused"}});
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(description_of(refused).find("tls_handshake_refused needs an https server"),
            std::string::npos)
      << description_of(refused);
  EXPECT_TRUE(json_of(call("GET", "/_oauthsim/faults")).at("faults").empty());
}

TEST_F(ControlApiTest, NShotFaultCountsDownInTheList) {
  ASSERT_EQ(post_json("/_oauthsim/faults",
                      {{"server", "resource_server"}, {"path", "/jobs"}, {"times", 3}})
                ->status,
            201);
  EXPECT_EQ(api_get("/jobs", "")->status, 503);
  auto listed = json_of(call("GET", "/_oauthsim/faults")).at("faults");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].at("remaining"), 2);
}

TEST_F(ControlApiTest, DelayOnlyFaultDelaysTheRealAnswer) {
  ASSERT_EQ(post_json("/_oauthsim/faults",
                      {{"server", "resource_server"}, {"path", "/users/me"}, {"delay_ms", 40}})
                ->status,
            201);
  const auto start = std::chrono::steady_clock::now();
  auto res = api_get("/users/me", "");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(res->status, 401) << "the real handler should answer (no token)";
  EXPECT_GE(elapsed, std::chrono::milliseconds(40));
}

TEST_F(ControlApiTest, DropConnectionFaultLeavesTheCallerWithoutAnAnswer) {
  ASSERT_EQ(post_json("/_oauthsim/faults", {{"server", "authorization_server"},
                                            {"path", "/identity/oauth/token"},
                                            {"drop_connection", true}})
                ->status,
            201);
  const std::string code = obtain_code();
  EXPECT_FALSE(exchange(code)) << "a dropped connection must not read as an answer";
  EXPECT_EQ(exchange(code)->status, 200) << "the dropped request consumed the code";
}

TEST_F(ControlApiTest, DeleteClearsTheFaultsOfBothServers) {
  post_json("/_oauthsim/faults", {{"server", "resource_server"}, {"path", "/jobs"}});
  post_json("/_oauthsim/faults", {{"server", "authorization_server"}, {"path", "/x"}});
  ASSERT_EQ(json_of(call("GET", "/_oauthsim/faults")).at("faults").size(), 2u);
  auto cleared = call("DELETE", "/_oauthsim/faults");
  EXPECT_EQ(cleared->status, 200);
  EXPECT_EQ(json_of(cleared).at("cleared"), 2);
  EXPECT_TRUE(json_of(call("GET", "/_oauthsim/faults")).at("faults").empty());
  EXPECT_TRUE(server->faults().pending().empty());
  EXPECT_TRUE(api->faults().pending().empty());
}

TEST_F(ControlApiTest, BadFaultInputIsRefusedNamingTheField) {
  const json base = {{"server", "resource_server"}, {"path", "/jobs"}};
  auto with = [&](const std::string& key, const json& value) {
    json j = base;
    j[key] = value;
    return j;
  };
  json no_server = base;
  no_server.erase("server");
  json no_path = base;
  no_path.erase("path");
  json drop_with_body = with("drop_connection", true);
  drop_with_body["body"] = {{"a", 1}};
  const std::vector<std::pair<json, std::string>> cases = {
      {no_server, "/server"},
      {with("server", "client"), "/server"},
      {no_path, "/path"},
      {with("path", "jobs"), "/path"},
      {with("path", "/jobs?limit=1"), "/path"},
      {with("path", "/_oauthsim/clock"), "/path"},
      {with("method", "post"), "/method"},
      {with("method", 1), "/method"},
      {with("status", 42), "/status"},
      {with("status", "503"), "/status"},
      {with("retry_after", -1), "/retry_after"},
      {with("delay_ms", 30'001), "/delay_ms"},
      {with("delay_ms", 1.5), "/delay_ms"},
      {with("times", 0), "/times"},
      {with("drop_connection", "yes"), "/drop_connection"},
      {with("body", nullptr), "/body"},
      {drop_with_body, "/body"},
      {with("colour", "red"), "/colour"},
  };
  for (const auto& [body, field] : cases) {
    auto res = post_json("/_oauthsim/faults", body);
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, 400) << body << " -> " << res->body;
    EXPECT_EQ(json_of(res).value("error", ""), "invalid_request") << body;
    EXPECT_NE(description_of(res).find(field), std::string::npos)
        << body << " -> " << description_of(res);
  }
  EXPECT_EQ(call("POST", "/_oauthsim/faults", "not json")->status, 400);
  EXPECT_TRUE(json_of(call("GET", "/_oauthsim/faults")).at("faults").empty())
      << "a refused fault was queued";
}

}  // namespace
}  // namespace oauthsim::control::testing
