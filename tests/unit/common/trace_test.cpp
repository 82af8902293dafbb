#include "oauthsim/common/trace.h"

#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <set>
#include <thread>
#include <vector>
#include "support/text.h"

namespace oauthsim::common {
namespace {

constexpr const char* kRefreshToken = "tGzv3JOkF0XG5Qx2TlKWIA";
constexpr const char* kPassword = "wonderland";
constexpr const char* kSecret = "acme-secret";

using test_support::contains;
using test_support::kRfcExampleAccessToken;
using test_support::kRfcExampleCode;

TEST(Fingerprint, IsFpColonAndEightLowerHexDigits) {
  const std::string fp = fingerprint(kRfcExampleCode);
  EXPECT_TRUE(std::regex_match(fp, std::regex("fp:[0-9a-f]{8}"))) << fp;
}

TEST(Fingerprint, IsStableAndIsThePrefixOfSha256) {
  EXPECT_EQ(fingerprint("abc"), "fp:ba7816bf");
  EXPECT_EQ(fingerprint(kRfcExampleCode), fingerprint(kRfcExampleCode));
}

TEST(Fingerprint, DiffersForDifferentSecrets) {
  EXPECT_NE(fingerprint("code-one"), fingerprint("code-two"));
}

TEST(IsSecretParam, KnowsCodesTokensAndPasswords) {
  for (const char* name : {"code", "access_token", "refresh_token", "token", "code_verifier",
                           "client_secret", "password"}) {
    EXPECT_TRUE(is_secret_param(name)) << name;
  }
}

TEST(IsSecretParam, LeavesOrdinaryParametersAlone) {
  for (const char* name : {"state", "client_id", "scope", "redirect_uri", "grant_type", "error",
                           "username", "code_challenge"}) {
    EXPECT_FALSE(is_secret_param(name)) << name;
  }
}

TEST(RedactValue, CodesAndTokensKeepAFingerprint) {
  EXPECT_EQ(redact_value("code", kRfcExampleCode),
            "[redacted " + fingerprint(kRfcExampleCode) + "]");
  EXPECT_EQ(redact_value("access_token", kRfcExampleAccessToken),
            "[redacted " + fingerprint(kRfcExampleAccessToken) + "]");
  EXPECT_EQ(redact_value("refresh_token", kRefreshToken),
            "[redacted " + fingerprint(kRefreshToken) + "]");
}

TEST(RedactValue, PasswordsAndClientSecretsGetNoFingerprint) {
  EXPECT_EQ(redact_value("password", kPassword), "[redacted]");
  EXPECT_EQ(redact_value("client_secret", kSecret), "[redacted]");
}

TEST(RedactValue, NamesMatchCaseInsensitively) {
  EXPECT_EQ(redact_value("Client_Secret", kSecret), "[redacted]");
  EXPECT_FALSE(
      contains(redact_value("ACCESS_TOKEN", kRfcExampleAccessToken), kRfcExampleAccessToken));
}

TEST(RedactValue, KeepsNonSecretValues) {
  EXPECT_EQ(redact_value("state", "xyz"), "xyz");
  EXPECT_EQ(redact_value("client_id", "acme-ats"), "acme-ats");
}

TEST(RedactParams, RedactsSecretsAndKeepsOrder) {
  Params in{{"grant_type", "authorization_code"},
            {"code", kRfcExampleCode},
            {"client_id", "acme-ats"},
            {"client_secret", kSecret}};
  Params out = redact_params(in);
  ASSERT_EQ(out.items().size(), 4u);
  EXPECT_EQ(out.items()[0].second, "authorization_code");
  EXPECT_EQ(out.items()[1].second, "[redacted " + fingerprint(kRfcExampleCode) + "]");
  EXPECT_EQ(out.items()[2].second, "acme-ats");
  EXPECT_EQ(out.items()[3].second, "[redacted]");
}

TEST(RedactUrl, RedactsCodeInRedirectLocationAndKeepsState) {
  const std::string loc =
      std::string("http://localhost:9000/callback?code=") + kRfcExampleCode + "&state=xyz";
  const std::string red = redact_url(loc);
  EXPECT_FALSE(contains(red, kRfcExampleCode)) << red;
  EXPECT_TRUE(contains(red, "http://localhost:9000/callback?")) << red;
  EXPECT_TRUE(contains(red, fingerprint(kRfcExampleCode))) << red;
  EXPECT_TRUE(contains(red, "state=xyz")) << red;
}

TEST(RedactUrl, RedactsPercentEncodedSecretToo) {
  const std::string red = redact_url("http://h/cb?access_token=ab%2Fcd%2B&x=1");
  EXPECT_FALSE(contains(red, "ab%2Fcd")) << red;
  EXPECT_FALSE(contains(red, "ab/cd")) << red;
  EXPECT_TRUE(contains(red, fingerprint("ab/cd+"))) << red;
}

TEST(RedactUrl, UrlWithoutQueryIsUnchanged) {
  EXPECT_EQ(redact_url("http://h/cb"), "http://h/cb");
  EXPECT_EQ(redact_url("http://h/cb#x"), "http://h/cb#x");
}

TEST(RedactUrl, KeepsFragment) {
  EXPECT_EQ(redact_url("http://h/cb?state=1#frag"), "http://h/cb?state=1#frag");
}

TEST(RedactUrl, UnparseableQueryIsHiddenEntirely) {
  const std::string red =
      redact_url(std::string("http://h/cb?code=") + kRfcExampleCode + "&bad=%zz");
  EXPECT_FALSE(contains(red, kRfcExampleCode)) << red;
  EXPECT_TRUE(contains(red, "http://h/cb?")) << red;
}

TEST(RedactHeader, BearerTokenIsFingerprinted) {
  const std::string red =
      redact_header("Authorization", std::string("Bearer ") + kRfcExampleAccessToken);
  EXPECT_EQ(red, "Bearer [redacted " + fingerprint(kRfcExampleAccessToken) + "]");
}

TEST(RedactHeader, HeaderNameMatchesCaseInsensitively) {
  const std::string red =
      redact_header("authorization", std::string("bearer ") + kRfcExampleAccessToken);
  EXPECT_FALSE(contains(red, kRfcExampleAccessToken)) << red;
}

TEST(RedactHeader, BasicShowsClientIdButNotSecret) {
  const std::string red =
      redact_header("Authorization", "Basic " + base64_encode(std::string("acme-ats:") + kSecret));
  EXPECT_EQ(red, "Basic client_id=acme-ats secret=[redacted]");
}

TEST(RedactHeader, BasicClientIdIsFormDecoded) {
  // RFC 6749 2.3.1: client id and secret are form-encoded before base64.
  const std::string red = redact_header(
      "Authorization", "Basic " + base64_encode("my%20client:" + std::string(kSecret)));
  EXPECT_EQ(red, "Basic client_id=my client secret=[redacted]");
}

TEST(RedactHeader, UndecodableBasicIsHidden) {
  const std::string red = redact_header("Authorization", "Basic !!!not-base64:acme-secret");
  EXPECT_FALSE(contains(red, kSecret)) << red;
}

TEST(RedactHeader, BasicWithoutColonDoesNotShowTheCredential) {
  // A client that sends only its secret must not have it printed as a client_id.
  const std::string red = redact_header("Authorization", "Basic " + base64_encode(kSecret));
  EXPECT_FALSE(contains(red, kSecret)) << red;
}

TEST(RedactHeader, SchemelessAuthorizationValueIsNotPrinted) {
  const std::string red = redact_header("Authorization", kRfcExampleAccessToken);
  EXPECT_FALSE(contains(red, kRfcExampleAccessToken)) << red;
}

TEST(RedactHeader, BareSchemeWithoutCredentialIsShownAsIs) {
  EXPECT_EQ(redact_header("Authorization", "Bearer"), "Bearer");
  // An empty credential after the scheme: nothing to hide, and a check must see it is empty.
  EXPECT_EQ(redact_header("Authorization", "Bearer "), "Bearer ");
  EXPECT_EQ(redact_header("Authorization", "Bearer   "), "Bearer   ");
}

TEST(RedactHeader, UnknownSchemeCredentialIsFingerprinted) {
  const std::string red =
      redact_header("Authorization", std::string("Token ") + kRfcExampleAccessToken);
  EXPECT_FALSE(contains(red, kRfcExampleAccessToken)) << red;
  EXPECT_TRUE(contains(red, "Token")) << red;
}

TEST(RedactHeader, CookieValuesAreRedactedNamesKept) {
  const std::string red = redact_header("Cookie", "sr_session=s3cr3tsession; theme=dark");
  EXPECT_FALSE(contains(red, "s3cr3tsession")) << red;
  EXPECT_TRUE(contains(red, "sr_session=")) << red;
  EXPECT_TRUE(contains(red, fingerprint("s3cr3tsession"))) << red;
}

TEST(RedactHeader, SetCookieKeepsAttributesAndHidesValue) {
  const std::string red =
      redact_header("Set-Cookie", "sr_session=s3cr3tsession; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_FALSE(contains(red, "s3cr3tsession")) << red;
  EXPECT_TRUE(contains(red, "HttpOnly")) << red;
  EXPECT_TRUE(contains(red, "SameSite=Lax")) << red;
  EXPECT_TRUE(contains(red, "Path=/")) << red;
}

// Found by fuzzing: a cookie named like an attribute had its value shown.
TEST(RedactHeader, CookieNamedLikeAnAttributeIsStillRedacted) {
  const std::string set = redact_header("Set-Cookie", "Path=s3cr3tsession; Path=/");
  EXPECT_FALSE(contains(set, "s3cr3tsession")) << set;
  EXPECT_TRUE(contains(set, "; Path=/")) << set;
  const std::string sent = redact_header("Cookie", "a=1; expires=s3cr3tsession; HttpOnly");
  EXPECT_FALSE(contains(sent, "s3cr3tsession")) << sent;
  EXPECT_FALSE(contains(sent, "HttpOnly")) << sent;  // in a Cookie header, a nameless value
}

TEST(RedactHeader, NamelessCookieValueIsHidden) {
  const std::string red = redact_header("Cookie", "s3cr3tsession");
  EXPECT_FALSE(contains(red, "s3cr3tsession")) << red;
}

TEST(RedactHeader, LocationQueryIsRedacted) {
  const std::string red = redact_header(
      "Location", std::string("http://localhost:9000/callback?code=") + kRfcExampleCode);
  EXPECT_FALSE(contains(red, kRfcExampleCode)) << red;
}

TEST(RedactHeader, OtherHeadersAreUnchanged) {
  EXPECT_EQ(redact_header("Content-Type", "application/json"), "application/json");
  EXPECT_EQ(redact_header("WWW-Authenticate", "Bearer realm=\"x\""), "Bearer realm=\"x\"");
}

TEST(RedactedBodyFields, JsonTokenResponseIsRedacted) {
  const std::string body = std::string(R"({"access_token":")") + kRfcExampleAccessToken +
                           R"(","token_type":"Bearer","expires_in":1800,"refresh_token":")" +
                           kRefreshToken + R"(","scope":"user_me_read"})";
  Params f = redacted_body_fields("application/json; charset=utf-8", body);
  EXPECT_EQ(f.get("token_type"), "Bearer");
  EXPECT_EQ(f.get("expires_in"), "1800");
  EXPECT_EQ(f.get("scope"), "user_me_read");
  EXPECT_EQ(f.get("access_token"), "[redacted " + fingerprint(kRfcExampleAccessToken) + "]");
  EXPECT_EQ(f.get("refresh_token"), "[redacted " + fingerprint(kRefreshToken) + "]");
}

TEST(RedactedBodyFields, NestedJsonValuesAreCompactJson) {
  Params f = redacted_body_fields("application/json", R"({"content":[1,2],"n":null,"b":true})");
  EXPECT_EQ(f.get("content"), "[1,2]");
  EXPECT_EQ(f.get("n"), "null");
  EXPECT_EQ(f.get("b"), "true");
}

TEST(RedactedBodyFields, SecretsNestedInsideJsonAreRedactedToo) {
  const std::string body = std::string(R"({"data":{"access_token":")") + kRfcExampleAccessToken +
                           R"(","items":[{"password":")" + kPassword + R"("}]}})";
  Params f = redacted_body_fields("application/json", body);
  ASSERT_TRUE(f.has("data"));
  EXPECT_FALSE(contains(*f.get("data"), kRfcExampleAccessToken)) << *f.get("data");
  EXPECT_FALSE(contains(*f.get("data"), kPassword)) << *f.get("data");
}

TEST(RedactedBodyFields, FormBodyIsRedacted) {
  Params f = redacted_body_fields("application/x-www-form-urlencoded",
                                  std::string("grant_type=authorization_code&code=") +
                                      kRfcExampleCode + "&client_secret=" + kSecret);
  EXPECT_EQ(f.get("grant_type"), "authorization_code");
  EXPECT_EQ(f.get("code"), "[redacted " + fingerprint(kRfcExampleCode) + "]");
  EXPECT_EQ(f.get("client_secret"), "[redacted]");
}

TEST(RedactedBodyFields, MalformedFormBodyIsNotEchoed) {
  Params f = redacted_body_fields("application/x-www-form-urlencoded",
                                  std::string("password=") + kPassword + "%");
  for (const auto& [k, v] : f.items()) EXPECT_FALSE(contains(v, kPassword)) << k << "=" << v;
}

TEST(RedactedBodyFields, InvalidJsonOrNonObjectGivesNoFields) {
  EXPECT_TRUE(redacted_body_fields("application/json", "{not json").empty());
  EXPECT_TRUE(redacted_body_fields("application/json", "[1,2]").empty());
  EXPECT_TRUE(redacted_body_fields("application/json", "").empty());
}

TEST(RedactedBodyFields, OtherContentTypesGiveNoFields) {
  EXPECT_TRUE(redacted_body_fields("text/html", "<p>code=abc</p>").empty());
  EXPECT_TRUE(redacted_body_fields("", "code=abc").empty());
}

TEST(TracedHeaders, RequestListHasAuthorizationCookieAndContentType) {
  const auto& names = traced_request_headers();
  std::set<std::string_view> s(names.begin(), names.end());
  EXPECT_TRUE(s.count("Authorization"));
  EXPECT_TRUE(s.count("Cookie"));
  EXPECT_TRUE(s.count("Content-Type"));
}

TEST(TracedHeaders, ResponseListHasLocationChallengeAndCookie) {
  const auto& names = traced_response_headers();
  std::set<std::string_view> s(names.begin(), names.end());
  EXPECT_TRUE(s.count("Location"));
  EXPECT_TRUE(s.count("WWW-Authenticate"));
  EXPECT_TRUE(s.count("Set-Cookie"));
}

TraceEntry entry_with_secrets() {
  TraceEntry e;
  e.observer = party::kAuthorizationServer;
  e.from = party::kClient;
  e.to = party::kAuthorizationServer;
  e.method = "POST";
  e.path = "/identity/oauth/token";
  e.query = redact_params({{"code", kRfcExampleCode}});
  e.form = redact_params(
      {{"code", kRfcExampleCode}, {"client_secret", kSecret}, {"password", kPassword}});
  e.request_headers.add(
      "Authorization",
      redact_header("Authorization", "Basic " + base64_encode(std::string("acme-ats:") + kSecret)));
  e.request_headers.add("Cookie", redact_header("Cookie", "sr_session=s3cr3tsession"));
  e.status = 302;
  e.response_headers.add(
      "Location",
      redact_header("Location", std::string("http://localhost:9000/cb?code=") + kRfcExampleCode));
  e.response_fields = redacted_body_fields(
      "application/json", std::string(R"({"access_token":")") + kRfcExampleAccessToken +
                              R"(","refresh_token":")" + kRefreshToken + R"("})");
  e.note = "issued tokens";
  return e;
}

TEST(TraceEntry, JsonNeverContainsARawSecret) {
  const std::string dump = entry_with_secrets().to_json().dump();
  for (const char* secret : {kRfcExampleCode, kRfcExampleAccessToken, kRefreshToken, kPassword,
                             kSecret, "s3cr3tsession"}) {
    EXPECT_FALSE(contains(dump, secret)) << secret << " leaked into " << dump;
  }
  EXPECT_TRUE(contains(dump, fingerprint(kRfcExampleCode))) << dump;
  EXPECT_TRUE(contains(dump, "acme-ats")) << dump;
}

TEST(TraceEntry, JsonHasTheExchangeFields) {
  auto j = entry_with_secrets().to_json();
  EXPECT_EQ(j.at("observer"), "authorization_server");
  EXPECT_EQ(j.at("from"), "client");
  EXPECT_EQ(j.at("method"), "POST");
  EXPECT_EQ(j.at("path"), "/identity/oauth/token");
  EXPECT_EQ(j.at("status"), 302);
  EXPECT_EQ(j.at("note"), "issued tokens");
  EXPECT_TRUE(j.at("form").is_array());
}

TEST(TraceEntry, SummaryIsOneLineWithPartiesMethodPathAndStatus) {
  TraceEntry e = entry_with_secrets();
  e.seq = 3;
  const std::string s = e.summary();
  EXPECT_EQ(s.find('\n'), std::string::npos);
  EXPECT_EQ(s.rfind("#3 ", 0), 0u) << s;
  EXPECT_TRUE(contains(s, "client -> authorization_server POST /identity/oauth/token")) << s;
  EXPECT_TRUE(contains(s, "302")) << s;
  EXPECT_FALSE(contains(s, kRfcExampleCode)) << s;
}

TEST(TraceEntry, SummaryShowsMissingResponse) {
  TraceEntry e;
  e.status = 0;
  EXPECT_TRUE(contains(e.summary(), "no response")) << e.summary();
}

TEST(TraceEntry, HarnessMarkerSummaryIsItsNote) {
  TraceEntry e;
  e.seq = 4;
  e.observer = e.from = e.to = party::kHarness;
  e.note = "action 2: advance_clock 1801 s";
  EXPECT_EQ(e.summary(), "#4 -- action 2: advance_clock 1801 s --");
}

TEST(Trace, EntriesWithoutSeqGetIncreasingNumbersInRecordOrder) {
  Trace t;
  for (const char* p : {"/a", "/b", "/c"}) {
    TraceEntry e;
    e.path = p;
    t.record(e);
  }
  auto es = t.entries();
  ASSERT_EQ(es.size(), 3u);
  EXPECT_EQ(es[0].path, "/a");
  EXPECT_EQ(es[2].path, "/c");
  EXPECT_LT(es[0].seq, es[1].seq);
  EXPECT_LT(es[1].seq, es[2].seq);
  EXPECT_GT(es[0].seq, 0u);
  EXPECT_EQ(t.size(), 3u);
}

TEST(Trace, ReservedSeqSortsByWhenTheRequestStartedNotWhenItWasRecorded) {
  Trace t;
  // The client's request starts first, the server answers and records first.
  const auto client_seq = t.reserve_seq();
  const auto server_seq = t.reserve_seq();
  TraceEntry server;
  server.observer = party::kAuthorizationServer;
  server.seq = server_seq;
  t.record(server);
  TraceEntry client;
  client.observer = party::kClient;
  client.seq = client_seq;
  t.record(client);
  auto es = t.entries();
  ASSERT_EQ(es.size(), 2u);
  EXPECT_EQ(es[0].observer, party::kClient);
  EXPECT_EQ(es[1].observer, party::kAuthorizationServer);
}

TEST(Trace, EntryRecordedAfterAReservationSortsAfterIt) {
  Trace t;
  const auto reserved = t.reserve_seq();
  TraceEntry later;
  later.path = "/later";
  t.record(later);
  TraceEntry early;
  early.path = "/early";
  early.seq = reserved;
  t.record(early);
  auto es = t.entries();
  ASSERT_EQ(es.size(), 2u);
  EXPECT_EQ(es[0].path, "/early");
  EXPECT_EQ(es[1].path, "/later");
}

TEST(Trace, ReserveSeqIsUniqueAcrossThreads) {
  Trace t;
  std::vector<std::vector<std::uint64_t>> got(4);
  std::vector<std::thread> threads;
  for (auto& v : got) {
    threads.emplace_back([&t, &v] {
      for (int k = 0; k < 500; ++k) v.push_back(t.reserve_seq());
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::uint64_t> all;
  for (const auto& v : got) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), 2000u);
  EXPECT_EQ(all.count(0), 0u) << "0 means 'not reserved'";
}

TEST(Trace, SettleReturnsOnceEveryReservedEntryIsRecorded) {
  Trace t;
  EXPECT_TRUE(t.settle(std::chrono::milliseconds(0)));
  TraceEntry e;
  e.seq = t.reserve_seq();
  std::thread recorder([&t, e] { t.record(e); });
  EXPECT_TRUE(t.settle(std::chrono::milliseconds(5000)));
  recorder.join();
  EXPECT_EQ(t.size(), 1u);
}

TEST(Trace, SettleReportsAnExchangeThatNeverFinished) {
  Trace t;
  t.reserve_seq();
  EXPECT_FALSE(t.settle(std::chrono::milliseconds(10)));
}

TEST(Trace, ClearEmptiesTheTrace) {
  Trace t;
  t.record({});
  t.clear();
  EXPECT_EQ(t.size(), 0u);
  EXPECT_TRUE(t.to_json().empty());
}

TEST(Trace, ToJsonIsAnArrayOfEntries) {
  Trace t;
  t.record(entry_with_secrets());
  auto j = t.to_json();
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0].at("seq"), t.entries()[0].seq);
  EXPECT_EQ(j[0].at("path"), "/identity/oauth/token");
}

TEST(Trace, RecordFromSeveralThreadsKeepsEveryEntryWithUniqueSeq) {
  Trace t;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 250;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&t, i] {
      for (int k = 0; k < kPerThread; ++k) {
        TraceEntry e;
        e.observer = std::to_string(i);
        t.record(std::move(e));
      }
    });
  }
  for (auto& th : threads) th.join();
  auto es = t.entries();
  ASSERT_EQ(es.size(), static_cast<std::size_t>(kThreads * kPerThread));
  for (std::size_t i = 1; i < es.size(); ++i) EXPECT_LT(es[i - 1].seq, es[i].seq);
}

TEST(Trace, SinkIsCalledWithEachRecordedEntry) {
  Trace t;
  std::vector<std::string> seen;
  t.set_sink([&](const TraceEntry& e) {
    EXPECT_GT(e.seq, 0u);
    seen.push_back(e.path);
  });
  TraceEntry a, b;
  a.path = "/a";
  b.path = "/b";
  t.record(a);
  t.record(b);
  EXPECT_EQ(seen, (std::vector<std::string>{"/a", "/b"}));
}

TEST(Trace, SinkMayReadTheTraceWithoutDeadlock) {
  Trace t;
  std::size_t size_in_sink = 0;
  t.set_sink([&](const TraceEntry&) { size_in_sink = t.size(); });
  t.record({});
  EXPECT_EQ(size_in_sink, 1u);
}

TEST(Trace, SinkCalledFromSeveralThreadsSeesEveryEntry) {
  Trace t;
  std::atomic<int> calls{0};
  t.set_sink([&](const TraceEntry&) { calls.fetch_add(1); });
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&t] {
      for (int k = 0; k < 100; ++k) t.record({});
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(calls.load(), 300);
}

}  // namespace
}  // namespace oauthsim::common
