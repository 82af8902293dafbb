// A fault scenario that passes proves nothing if its fault never fired. For each one, the run's
// own trace must show the fault on the wire and the answer it provoked.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "e2e/catalog_run.h"
#include "e2e/flow_explain.h"
#include "oauthsim/scenario/judging/flow_view.h"
#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
using Entries = std::vector<const TraceEntry*>;
namespace party = common::party;

// What one party recorded, in trace order.
Entries seen_by(const FlowResult& r, const std::string& observer, const std::string& path = "") {
  Entries out;
  for (const auto& e : r.trace) {
    if (e.observer == observer && (path.empty() || e.path == path)) out.push_back(&e);
  }
  return out;
}

Entries grant_requests(const FlowResult& r, const std::string& grant) {
  Entries out;
  for (auto* e : seen_by(r, party::kAuthorizationServer, std::string(paths::kToken))) {
    if (e->form.get_or("grant_type", "") == grant) out.push_back(e);
  }
  return out;
}

std::string statuses(const Entries& es) {
  std::string out;
  for (auto* e : es) {
    out += (out.empty() ? "" : " ") + std::to_string(e->status);
    if (auto err = e->response_fields.get("error")) out += ":" + *err;
  }
  return out;
}

bool has_note(const TraceEntry* e, const std::string& text) {
  return e->note.find(text) != std::string::npos;
}

bool has_marker(const FlowResult& r, const std::string& text) {
  for (const auto& e : r.trace) {
    if (e.observer == party::kHarness && e.note.find(text) != std::string::npos) return true;
  }
  return false;
}

struct Evidence {
  const char* scenario;
  std::function<void(const FlowResult&)> expect;
};

const std::vector<Evidence>& evidence() {
  static const std::vector<Evidence> kEvidence = {
      {"token_endpoint_5xx_once",
       [](const FlowResult& r) {
         auto all = seen_by(r, party::kAuthorizationServer, std::string(paths::kToken));
         ASSERT_EQ(statuses(all), "503:server_error 200");
         EXPECT_TRUE(has_note(all[0], "fault injected: 503 once"));
         EXPECT_EQ(all[0]->response_headers.get_or("Retry-After", ""), "1");
         // The handler never read the body of the faulted request, so the trace has no form.
         EXPECT_TRUE(all[0]->form.empty());
       }},
      {"token_endpoint_on_api_host_5xx_once",
       [](const FlowResult& r) {
         auto all = seen_by(r, party::kAuthorizationServer, std::string(paths::kToken));
         ASSERT_EQ(statuses(all), "503:server_error 200");
         EXPECT_EQ(all[0]->fault, common::FaultEffect::kAnswerReplaced);
         // Both answered on the Customer API's socket, where the API calls were answered.
         const auto api = seen_by(r, party::kResourceServer, "/users/me");
         const auto login = seen_by(r, party::kAuthorizationServer, std::string(paths::kLogin));
         ASSERT_FALSE(api.empty());
         ASSERT_FALSE(login.empty());
         ASSERT_FALSE(api[0]->served_at.empty());
         EXPECT_NE(api[0]->served_at, login[0]->served_at);
         for (auto* e : all) EXPECT_EQ(e->served_at, api[0]->served_at) << e->summary();
       }},
      {"token_endpoint_slow",
       [](const FlowResult& r) {
         auto codes = grant_requests(r, "authorization_code");
         ASSERT_EQ(statuses(codes), "200");
         EXPECT_TRUE(has_note(codes[0], "real answer delayed 300 ms"));
       }},
      {"api_503_once",
       [](const FlowResult& r) {
         EXPECT_EQ(statuses(seen_by(r, party::kResourceServer, "/jobs")), "503:server_error 200");
       }},
      {"rate_limit_429",
       [](const FlowResult& r) {
         auto calls = seen_by(r, party::kResourceServer, "/users/me");
         ASSERT_EQ(statuses(calls), "200 200 429 200");
         EXPECT_TRUE(calls[2]->response_headers.has("Retry-After"));
         EXPECT_EQ(calls[2]->response_headers.get_or("X-RateLimit-Limit", ""), "2");
         EXPECT_EQ(calls[2]->response_headers.get_or("X-RateLimit-Remaining", ""), "0");
         EXPECT_GE(calls[3]->time_ms - calls[2]->time_ms, 1000);
       }},
      {"code_replay",
       [](const FlowResult& r) {
         auto codes = grant_requests(r, "authorization_code");
         ASSERT_EQ(statuses(codes), "200 400:invalid_grant");
         EXPECT_EQ(codes[0]->form.get_or("code", "a"), codes[1]->form.get_or("code", "b"));
         EXPECT_TRUE(has_note(codes[1], "code replayed: grant revoked"));
         auto calls = seen_by(r, party::kResourceServer, "/users/me");
         ASSERT_EQ(statuses(calls).substr(0, 3), "200");
         EXPECT_EQ(calls.back()->status, 401);
         // The refused token is the one the first redemption issued.
         EXPECT_EQ(calls.back()->request_headers.get_or("Authorization", "x"),
                   "Bearer " + codes[0]->response_fields.get_or("access_token", "y"));
       }},
      {"expired_code",
       [](const FlowResult& r) {
         auto codes = grant_requests(r, "authorization_code");
         ASSERT_EQ(statuses(codes), "400:invalid_grant");
         auto consents = seen_by(r, party::kAuthorizationServer, std::string(paths::kConsent));
         ASSERT_FALSE(consents.empty());
         EXPECT_GE(codes[0]->time_ms - consents.back()->time_ms, 601'000);
       }},
      {"code_issued_to_another_client",
       [](const FlowResult& r) {
         auto codes = grant_requests(r, "authorization_code");
         ASSERT_EQ(statuses(codes), "400:invalid_grant");
         EXPECT_EQ(codes[0]->form.get_or("client_id", ""), "globex-hr");
       }},
      {"redirect_uri_changed_at_token_endpoint",
       [](const FlowResult& r) {
         auto codes = grant_requests(r, "authorization_code");
         ASSERT_EQ(statuses(codes), "400:invalid_grant");
         EXPECT_EQ(codes[0]->form.get_or("redirect_uri", ""), "http://127.0.0.1:1/elsewhere");
       }},
      {"wrong_client_secret",
       [](const FlowResult& r) {
         EXPECT_EQ(statuses(grant_requests(r, "authorization_code")), "401:invalid_client");
       }},
      {"missing_client_authentication",
       [](const FlowResult& r) {
         auto codes = grant_requests(r, "authorization_code");
         ASSERT_EQ(statuses(codes).substr(3), ":invalid_client");
         EXPECT_FALSE(codes[0]->form.has("client_secret"));
         EXPECT_FALSE(codes[0]->request_headers.has("Authorization"));
       }},
      {"doubled_client_authentication",
       [](const FlowResult& r) {
         auto codes = grant_requests(r, "authorization_code");
         ASSERT_EQ(statuses(codes), "400:invalid_request");
         EXPECT_TRUE(codes[0]->form.has("client_secret"));
         EXPECT_TRUE(codes[0]->request_headers.has("Authorization"));
       }},
      {"pkce_wrong_verifier",
       [](const FlowResult& r) {
         auto codes = grant_requests(r, "authorization_code");
         ASSERT_EQ(statuses(codes), "400:invalid_grant");
         EXPECT_TRUE(codes[0]->form.has("code_verifier"));
       }},
      {"unknown_client",
       [](const FlowResult& r) {
         auto asks = seen_by(r, party::kAuthorizationServer, std::string(paths::kAuthorize));
         ASSERT_EQ(asks.size(), 1u);
         EXPECT_EQ(asks[0]->query.get_or("client_id", ""), "no-such-client");
         EXPECT_EQ(asks[0]->status, 400);
         EXPECT_FALSE(asks[0]->response_headers.has("Location"));
       }},
      {"unregistered_redirect_uri",
       [](const FlowResult& r) {
         auto asks = seen_by(r, party::kAuthorizationServer, std::string(paths::kAuthorize));
         ASSERT_EQ(asks.size(), 1u);
         EXPECT_EQ(asks[0]->query.get_or("redirect_uri", ""), "http://127.0.0.1:1/attacker");
         EXPECT_EQ(asks[0]->status, 400);
         for (const auto& e : r.trace) EXPECT_EQ(e.to == party::kUnknown, false) << e.summary();
       }},
      {"client_credentials",
       [](const FlowResult& r) {
         auto cc = grant_requests(r, "client_credentials");
         ASSERT_EQ(statuses(cc), "200");
         EXPECT_FALSE(cc[0]->response_fields.has("refresh_token"));
         EXPECT_EQ(statuses(seen_by(r, party::kResourceServer, "/jobs")), "200");
       }},
      {"client_credentials_has_no_user",
       [](const FlowResult& r) {
         EXPECT_EQ(statuses(seen_by(r, party::kResourceServer, "/users/me")), "403");
       }},
      {"revoked_access_token",
       [](const FlowResult& r) {
         auto revokes = seen_by(r, party::kAuthorizationServer, "/identity/oauth/revoke");
         ASSERT_EQ(statuses(revokes), "200");
         EXPECT_EQ(revokes[0]->form.get_or("token_type_hint", ""), "access_token");
         auto calls = seen_by(r, party::kResourceServer, "/users/me");
         ASSERT_EQ(statuses(calls), "200 401:invalid_token 200");
         EXPECT_EQ(calls[1]->request_headers.get_or("Authorization", "x"),
                   "Bearer " + revokes[0]->form.get_or("token", "y"));
       }},
      {"user_deleted_after_consent",
       [](const FlowResult& r) {
         EXPECT_TRUE(has_marker(r, "delete_user alice@example.com"));
         EXPECT_EQ(statuses(seen_by(r, party::kResourceServer, "/users/me")),
                   "200 401:invalid_token");
         EXPECT_EQ(statuses(grant_requests(r, "refresh_token")), "400:invalid_grant");
       }},
      {"token_in_query_string",
       [](const FlowResult& r) {
         auto calls = seen_by(r, party::kResourceServer, "/users/me");
         ASSERT_EQ(calls.size(), 2u);
         EXPECT_EQ(calls[1]->status, 400);
         EXPECT_EQ(calls[1]->query.get_or("access_token", "").rfind("[redacted fp:", 0), 0u);
       }},
      {"create_candidate",
       [](const FlowResult& r) {
         auto posts = seen_by(r, party::kResourceServer, "/candidates");
         ASSERT_EQ(statuses(posts), "201");
         EXPECT_EQ(posts[0]->method, "POST");
         EXPECT_EQ(posts[0]->form.get_or("email", ""), "ada@example.com");
       }},
      {"refresh_rotation",
       [](const FlowResult& r) {
         auto refreshes = grant_requests(r, "refresh_token");
         ASSERT_EQ(statuses(refreshes), "200");
         EXPECT_NE(refreshes[0]->form.get_or("refresh_token", "a"),
                   refreshes[0]->response_fields.get_or("refresh_token", "a"));
       }},
      {"tampered_access_token",
       [](const FlowResult& r) {
         auto codes = grant_requests(r, "authorization_code");
         ASSERT_EQ(codes.size(), 1u);
         auto calls = seen_by(r, party::kResourceServer, "/users/me");
         ASSERT_EQ(statuses(calls), "401:invalid_token 200 200");
         // The refused token is not the one the code exchange issued.
         EXPECT_NE(calls[0]->request_headers.get_or("Authorization", ""),
                   "Bearer " + codes[0]->response_fields.get_or("access_token", ""));
         EXPECT_EQ(statuses(grant_requests(r, "refresh_token")), "200");
       }},
      {"rotated_refresh_token_reused",
       [](const FlowResult& r) {
         auto refreshes = grant_requests(r, "refresh_token");
         ASSERT_GE(refreshes.size(), 2u);
         EXPECT_EQ(statuses({refreshes[0], refreshes[1]}), "200 400:invalid_grant");
         EXPECT_EQ(refreshes[0]->form.get_or("refresh_token", "a"),
                   refreshes[1]->form.get_or("refresh_token", "b"));
         EXPECT_EQ(seen_by(r, party::kResourceServer, "/users/me").back()->status, 401);
       }},
  };
  return kEvidence;
}

class FaultEvidence : public ::testing::TestWithParam<Evidence> {};

TEST_P(FaultEvidence, TheFaultHappenedOnTheWire) {
  const FlowResult r = run_catalog_scenario(GetParam().scenario);
  ASSERT_TRUE(r.passed) << explain(r);
  GetParam().expect(r);
}

INSTANTIATE_TEST_SUITE_P(Catalog, FaultEvidence, ::testing::ValuesIn(evidence()),
                         [](const ::testing::TestParamInfo<Evidence>& info) {
                           return std::string(info.param.scenario);
                         });

}  // namespace
}  // namespace oauthsim::scenario
