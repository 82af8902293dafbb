// The replay of one scenario: which view of each exchange it shows, the man-in-the-middle
// difference, the harness markers, and that it prints only the (redacted) trace.
#include "oauthsim/scenario/reports/replay_report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "unit/scenario/trace_entry_builder.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
using test::Entry;
namespace party = common::party;

constexpr const char* kTamperedCode = "[redacted fp:ffffffff]";

using test::marker;

// The same request as the receiver recorded it, seen from the sending user agent.
TraceEntry as_user_agent_saw(TraceEntry e) {
  e.observer = party::kUserAgent;
  e.note.clear();
  return e;
}

TraceEntry as_client_saw(TraceEntry e) {
  e.observer = party::kClient;
  e.note = "flow started, redirecting to the authorization endpoint";
  return e;
}

std::string callback_location(const std::string& code) {
  return std::string(test::kCallback) + "?code=" + code + "&state=" + test::kState;
}

std::vector<TraceEntry> numbered(std::vector<TraceEntry> trace) {
  for (std::size_t i = 0; i < trace.size(); ++i) trace[i].seq = i + 1;
  return trace;
}

// An allow flow as the parties record it: each browser exchange twice (the user agent's view
// and the receiver's), a clock marker, a man in the middle that replaced the code on the way
// back, and a callback the client never answered.
std::vector<TraceEntry> recorded_flow() {
  const TraceEntry connect_ua = test::connect();
  const TraceEntry authorize = test::authorization_request();
  const TraceEntry decision = test::consent_decision("allow");
  TraceEntry decision_ua = as_user_agent_saw(decision);
  decision_ua.response_headers = {};
  decision_ua.response_headers.add("Location", callback_location(kTamperedCode));
  TraceEntry callback_ua = test::ua_saw("GET", "/callback", party::kClient)
                               .query("code", kTamperedCode)
                               .query("state", test::kState)
                               .status(0);
  return numbered({connect_ua, as_client_saw(connect_ua), marker("action 2: advance_clock 1801 s"),
                   as_user_agent_saw(authorize), authorize, decision, decision_ua, callback_ua,
                   test::code_redemption()});
}

std::string replay_text(const std::vector<TraceEntry>& trace) {
  std::ostringstream out;
  print_replay(out, {"allow", "The user allows; the app calls /users/me.", "catalog/allow.json"},
               trace);
  return out.str();
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(ReplayItems, EachExchangeOnceAsItsReceiverRecordedIt) {
  const auto trace = recorded_flow();
  const auto items = replay_items(trace);
  // connect, marker, authorize, decision, callback (sender's view only), code redemption.
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(items[0].entry->observer, party::kClient);
  EXPECT_EQ(items[0].entry->path, "/connect");
  EXPECT_EQ(items[1].entry->observer, party::kHarness);
  EXPECT_EQ(items[2].entry->observer, party::kAuthorizationServer);
  EXPECT_EQ(items[2].entry->path, paths::kAuthorize);
  EXPECT_EQ(items[3].entry->observer, party::kAuthorizationServer);
  EXPECT_EQ(items[3].entry->path, paths::kConsent);
}

TEST(ReplayItems, FallsBackToTheSendersViewWhenTheReceiverRecordedNothing) {
  const auto trace = recorded_flow();
  const auto items = replay_items(trace);
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(items[4].entry->observer, party::kUserAgent);
  EXPECT_EQ(items[4].entry->path, "/callback");
  EXPECT_EQ(items[4].entry->status, 0);
}

TEST(ReplayItems, KeepsWhatTheUserAgentReceivedWhenARedirectWasChanged) {
  const auto trace = recorded_flow();
  const auto items = replay_items(trace);
  ASSERT_EQ(items.size(), 6u);
  ASSERT_TRUE(items[3].user_agent_location.has_value());
  EXPECT_EQ(*items[3].user_agent_location, callback_location(kTamperedCode));
  // The connect redirect reached the user agent unchanged: nothing to add.
  EXPECT_FALSE(items[0].user_agent_location.has_value());
  EXPECT_FALSE(items[2].user_agent_location.has_value());
}

TEST(ReplayItems, PairsRepeatedIdenticalRequestsWithTheirNearestReceiverEntry) {
  // Two wrong passwords: the same login POST twice, each recorded by both parties.
  const TraceEntry refused = test::login(false);
  auto trace = numbered({as_user_agent_saw(refused), refused, as_user_agent_saw(refused), refused});
  const auto items = replay_items(trace);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].entry->seq, 2u);
  EXPECT_EQ(items[1].entry->seq, 4u);
}

TEST(ReplayItems, FollowsTheTraceOrderBySeq) {
  auto trace = recorded_flow();
  std::reverse(trace.begin(), trace.end());
  const auto items = replay_items(trace);
  ASSERT_EQ(items.size(), 6u);
  for (std::size_t i = 1; i < items.size(); ++i) {
    EXPECT_LT(items[i - 1].entry->seq, items[i].entry->seq);
  }
}

TEST(PrintReplay, HeaderNamesTheScenarioItsSourceAndDescription) {
  const auto text = replay_text(recorded_flow());
  EXPECT_EQ(text.rfind("Replay of allow (catalog/allow.json)\n", 0), 0u) << text;
  EXPECT_NE(text.find("The user allows; the app calls /users/me."), std::string::npos) << text;
}

TEST(PrintReplay, PrintsEachExchangeOnceWithItsStepAndParties) {
  const auto text = replay_text(recorded_flow());
  EXPECT_EQ(occurrences(text, "GET /connect\n"), 1u) << text;
  EXPECT_EQ(occurrences(text, "POST /identity/oauth/consent\n"), 1u) << text;
  EXPECT_NE(text.find("step 1              #2    user_agent -> client\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("step 2              #5    user_agent -> authorization_server\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("step 7-8            #9    client -> authorization_server\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("GET /identity/oauth/allow?response_type=code&client_id=acme-ats"),
            std::string::npos)
      << text;
}

TEST(PrintReplay, ShowsStatusHeadersFieldsAndNoteOfAnExchange) {
  const auto text = replay_text(recorded_flow());
  EXPECT_NE(text.find("    <- 200\n"), std::string::npos) << text;
  EXPECT_NE(text.find("      form    grant_type     authorization_code\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("      header  Content-Type   application/x-www-form-urlencoded\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("      header  Cache-Control  no-store\n"), std::string::npos) << text;
  EXPECT_NE(text.find("      body    token_type     Bearer\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    note: consent given: code issued\n"), std::string::npos) << text;
}

TEST(PrintReplay, ShowsTheTlsClientCertificateTheReceiverSaw) {
  auto trace = recorded_flow();
  EXPECT_EQ(replay_text(trace).find("tls client certificate"), std::string::npos);
  for (auto& e : trace) {
    if (e.observer == party::kAuthorizationServer && e.path == paths::kToken) {
      e.client_certificate = "TB7WIfzPdw8-88MRyGnb8uACwsNtV1jAwce1KgKzboA";
    }
  }
  const auto text = replay_text(trace);
  EXPECT_NE(
      text.find(
          "      tls client certificate x5t#S256 TB7WIfzPdw8-88MRyGnb8uACwsNtV1jAwce1KgKzboA\n"),
      std::string::npos)
      << text;
}

TEST(PrintReplay, ShowsWhatTheUserAgentReceivedAfterAManInTheMiddle) {
  const auto text = replay_text(recorded_flow());
  EXPECT_NE(text.find("user agent received: Location " + callback_location(kTamperedCode)),
            std::string::npos)
      << text;
  EXPECT_EQ(occurrences(text, "user agent received:"), 1u) << text;
}

TEST(PrintReplay, SaysWhenOnlyTheSenderRecordedAnExchangeThatGotNoAnswer) {
  const auto text = replay_text(recorded_flow());
  EXPECT_NE(text.find("step 6              #8    user_agent -> client  (as user_agent saw it"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("<- no response (the connection failed)"), std::string::npos) << text;
}

TEST(PrintReplay, PrintsHarnessMarkersAsSeparatorsInTraceOrder) {
  const auto text = replay_text(recorded_flow());
  const auto marker_at = text.find("\n-- action 2: advance_clock 1801 s --\n");
  ASSERT_NE(marker_at, std::string::npos) << text;
  EXPECT_LT(text.find("GET /connect"), marker_at) << text;
  EXPECT_GT(text.find("GET /identity/oauth/allow"), marker_at) << text;
}

TEST(PrintReplay, ShowsSecretsOnlyAsTheTraceRedactedThem) {
  const auto text = replay_text(recorded_flow());
  // Where the code, the tokens, the client secret and the password were, the trace's redactions.
  EXPECT_NE(text.find("form    code           " + std::string(test::kCode)), std::string::npos)
      << text;
  EXPECT_NE(text.find("body    access_token   " + std::string(test::kAccessToken)),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("form    client_secret  [redacted]\n"), std::string::npos) << text;
  const auto login = replay_text(numbered({test::login()}));
  EXPECT_NE(login.find("form    password    [redacted]\n"), std::string::npos) << login;
  EXPECT_NE(login.find("sr_session=[redacted fp:"), std::string::npos) << login;
}

}  // namespace
}  // namespace oauthsim::scenario
