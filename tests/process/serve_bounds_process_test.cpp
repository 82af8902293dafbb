// `oauthsim serve --max-live-tokens N --trace-limit M` as a real process: past the caps the
// oldest tokens are evicted and the oldest trace entries dropped, each said once on stderr,
// the dropped count shown by the trace and on stop; bad values exit 2 naming the option.
#include <gtest/gtest.h>

#include <memory>

#include "child_process.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/socket_http_transport.h"

namespace oauthsim::process_test {
namespace {

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ServeBounds, PastTheCapsTheOldestGoAndServeSaysSoOnce) {
  TempDir dir;
  const auto ready = dir / "bounded.ready";
  ChildProcess serve(
      {kAppBin, "serve", "--no-client", "--authz-port", "0", "--api-port", "0", "--max-live-tokens",
       "3", "--trace-limit", "5", "--ready-file", ready.string()},
      dir.path(), "serve-bounded");
  wait_for_ready_url(serve, ready, "authorization_server", kReadyDeadline);
  const auto urls = nlohmann::json::parse(read_file(ready));
  const std::string authz = urls.at("authorization_server");
  const std::string api = urls.at("resource_server");
  EXPECT_NE(serve.out().find("keeps the last 5 exchanges"), std::string::npos) << serve.out();

  common::SocketHttpTransport http;
  std::vector<std::string> tokens;
  for (int i = 0; i < 6; ++i) {
    const auto issued = http.send(common::HttpRequest::post_form(
        authz + "/identity/oauth/token", {{"grant_type", "client_credentials"},
                                          {"client_id", "acme-ats"},
                                          {"client_secret", "acme-secret"},
                                          {"scope", "configuration_read"}}));
    ASSERT_EQ(issued.status, 200) << issued.body;
    tokens.push_back(nlohmann::json::parse(issued.body).at("access_token"));
  }
  auto call_api = [&](const std::string& token) {
    auto r = common::HttpRequest::get(api + "/configuration/company");
    r.headers.add("Authorization", "Bearer " + token);
    return http.send(r).status;
  };
  EXPECT_EQ(call_api(tokens.front()), 401) << "the oldest token was evicted";
  EXPECT_EQ(call_api(tokens.back()), 200);
  EXPECT_EQ(occurrences(serve.err(), "the oldest are evicted"), 1u) << serve.err();
  EXPECT_EQ(occurrences(serve.err(), "the trace is full (5 entries)"), 1u) << serve.err();

  const auto trace = http.send(common::HttpRequest::get(authz + "/_oauthsim/trace"));
  ASSERT_EQ(trace.status, 200) << trace.body;
  const auto j = nlohmann::json::parse(trace.body);
  EXPECT_EQ(j.at("entries").size(), 5u);
  EXPECT_EQ(j.at("capacity"), 5);
  const std::uint64_t dropped = j.at("dropped");
  EXPECT_EQ(dropped, 3u) << "8 exchanges (6 token requests, 2 API calls) into a ring of 5";

  serve.send_signal(SIGTERM);
  const auto status = serve.wait_for_exit(kStopDeadline);
  ASSERT_TRUE(status && status->exited_with(0)) << serve.output_for_diagnosis();
  EXPECT_NE(serve.out().find("the trace dropped 3 entries"), std::string::npos) << serve.out();
  // Evicting says so without showing a token.
  for (const auto& t : tokens) EXPECT_EQ(serve.err().find(t), std::string::npos);
}

TEST(ServeBounds, BadCapsExitWith2NamingTheOption) {
  for (const char* option : {"--max-live-tokens", "--trace-limit"}) {
    TempDir dir;
    ChildProcess p(
        {kAppBin, "serve", "--no-client", "--authz-port", "0", "--api-port", "0", option, "0"},
        dir.path(), "serve-bad-cap");
    const auto status = p.wait_for_exit(kStopDeadline);
    ASSERT_TRUE(status) << "still running";
    EXPECT_TRUE(status->exited_with(2)) << status->describe() << p.output_for_diagnosis();
    EXPECT_NE(p.err().find(option), std::string::npos) << p.err();
  }
}

}  // namespace
}  // namespace oauthsim::process_test
