// `oauthsim serve --state FILE` as a real process: grants are obtained through the real browser
// flow, a client keeps refreshing while the process is killed with SIGKILL, and the restarted
// process, from the file alone, honours every refresh it had answered with 200 (the rotated
// token works exactly once), every access token it issued, and the clock it had advanced to.
// Also: exit status 2 for a state file that is not oauthsim's or cannot be written.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "child_process.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/url.h"
#include "oauthsim/scenario/browser/user_agent.h"

namespace oauthsim::process_test {
namespace {

constexpr milliseconds kRefreshDeadline{60'000};

constexpr const char* kClientId = "state-vendor";
constexpr const char* kClientSecret = "state-vendor-secret";
constexpr int kGrants = 24;
// The kill comes once this many grants have had a refresh answered, so the rest are still
// being refreshed (or not yet touched) when the process dies.
constexpr int kAnsweredBeforeKill = kGrants / 2;
constexpr int kClockAdvanceSeconds = 120;

struct Serve {
  std::unique_ptr<ChildProcess> process;
  std::string authz, api;
};

Serve start_serve(const TempDir& dir, const std::string& name, const std::string& config,
                  const std::string& state) {
  const auto ready = dir / (name + ".ready");
  Serve s;
  s.process = std::make_unique<ChildProcess>(
      std::vector<std::string>{kAppBin, "serve", "--no-client", "--authz-port", "0", "--api-port",
                               "0", "--config", config, "--state", state, "--ready-file",
                               ready.string()},
      dir.path(), name);
  s.authz = wait_for_ready_url(*s.process, ready, "authorization_server", kReadyDeadline);
  s.api = nlohmann::json::parse(read_file(ready)).at("resource_server");
  return s;
}

// A configuration whose one client redirects to a port nobody listens on: the user agent's
// last visit then carries the code, and nothing else can redeem it.
std::string write_config(const TempDir& dir, std::string& redirect_uri) {
  redirect_uri = "http://127.0.0.1:" + std::to_string(pick_free_port()) + "/callback";
  const nlohmann::json config = {
      {"clients",
       {{{"client_id", kClientId},
         {"client_secret", kClientSecret},
         {"name", "A vendor app with a long memory"},
         {"redirect_uris", {redirect_uri}},
         {"scopes", {"user_me_read"}},
         {"default_scopes", {"user_me_read"}},
         {"token_endpoint_auth_method", "client_secret_post"}}}},
      // Every token is Alice's and the virtual clock stands still: the default 10 calls per
      // window would refuse the checks after the restart with 429.
      {"rate_limit", {{"requests_per_second", 1000}}}};
  const auto path = dir / "config.json";
  write_file(path, config.dump(2));
  return path.string();
}

struct Tokens {
  std::string access_token, refresh_token;
};

common::HttpResponse token_request(common::HttpTransport& http, const std::string& authz,
                                   common::Params form) {
  form.add("client_id", kClientId);
  form.add("client_secret", kClientSecret);
  return http.send(common::HttpRequest::post_form(authz + "/identity/oauth/token", form));
}

Tokens tokens_of(const common::HttpResponse& r) {
  const auto j = nlohmann::json::parse(r.body);
  return {j.at("access_token"), j.at("refresh_token")};
}

// Alice authorizes the client in the user agent (logging in the first time, consenting each
// time); the code from the redirect is exchanged like a client would.
Tokens obtain_grant(scenario::UserAgent& browser, common::HttpTransport& http, const Serve& serve,
                    const std::string& redirect_uri, int n) {
  const common::Params request{{"response_type", "code"},
                               {"client_id", kClientId},
                               {"redirect_uri", redirect_uri},
                               {"scope", "user_me_read"},
                               {"state", "grant-" + std::to_string(n)}};
  const auto flow = browser.run_flow(
      serve.authz + "/identity/oauth/allow?" + request.encode(),
      {"alice@example.com", "wonderland", std::nullopt, scenario::Decision::kAllow});
  if (flow.visits.empty()) throw std::runtime_error("the user agent went nowhere");
  const auto callback = common::parse_url(flow.visits.back().url);
  const auto code = callback ? callback->query_params().get("code") : std::nullopt;
  if (!code) {
    throw std::runtime_error("no code in the redirect to " + flow.visits.back().url + ": " +
                             flow.error.value_or("") + "\n" +
                             serve.process->output_for_diagnosis());
  }
  const auto r = token_request(
      http, serve.authz,
      {{"grant_type", "authorization_code"}, {"code", *code}, {"redirect_uri", redirect_uri}});
  if (r.status != 200) throw std::runtime_error("code exchange refused: " + r.body);
  return tokens_of(r);
}

// What the refreshing client saw for one grant before the kill.
enum class Outcome { kUntouched, kAnswered, kInFlight };
struct GrantRecord {
  Tokens original;
  Outcome outcome = Outcome::kUntouched;
  Tokens rotated;  // set when kAnswered
};

// Refreshes each grant once, from several threads, until the server stops answering.
class RefreshingClient {
 public:
  RefreshingClient(std::string authz, std::vector<GrantRecord>& grants)
      : authz_(std::move(authz)), grants_(grants) {}
  ~RefreshingClient() { join(); }

  void start(int threads) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
  }
  bool wait_for_answers(int n, milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return answered_ >= n || failed_; });
  }
  void join() {
    for (auto& t : threads_) t.join();
    threads_.clear();
  }
  int answered() {
    std::lock_guard lock(mu_);
    return answered_;
  }
  std::string unexpected() {
    std::lock_guard lock(mu_);
    return unexpected_;
  }

 private:
  void run() {
    common::SocketHttpTransport http(5);
    for (;;) {
      const std::size_t i = next_.fetch_add(1);
      if (i >= grants_.size()) return;
      {
        std::lock_guard lock(mu_);
        if (failed_) return;
        grants_[i].outcome = Outcome::kInFlight;
      }
      try {
        const auto r = token_request(http, authz_,
                                     {{"grant_type", "refresh_token"},
                                      {"refresh_token", grants_[i].original.refresh_token}});
        std::lock_guard lock(mu_);
        if (r.status == 200) {
          grants_[i].rotated = tokens_of(r);
          grants_[i].outcome = Outcome::kAnswered;
          ++answered_;
        } else {
          unexpected_ += "refresh " + std::to_string(i) + ": " + std::to_string(r.status) + " " +
                         r.body + "\n";
          failed_ = true;
        }
      } catch (const common::TransportError&) {
        // The kill: this grant's refresh may or may not have been committed.
        std::lock_guard lock(mu_);
        failed_ = true;
      }
      cv_.notify_all();
    }
  }

  std::string authz_;
  std::vector<GrantRecord>& grants_;
  std::atomic<std::size_t> next_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  int answered_ = 0;
  bool failed_ = false;
  std::string unexpected_;
  std::vector<std::thread> threads_;
};

common::HttpResponse control(common::HttpTransport& http, const Serve& s, const std::string& method,
                             const std::string& path, const std::string& body = "") {
  common::HttpRequest r;
  r.method = method;
  r.url = s.authz + path;
  r.body = body;
  r.content_type = "application/json";
  return http.send(r);
}

int api_status(common::HttpTransport& http, const Serve& s, const std::string& access_token) {
  auto r = common::HttpRequest::get(s.api + "/users/me");
  r.headers.add("Authorization", "Bearer " + access_token);
  return http.send(r).status;
}

TEST(ServeStateProcess, KillNineDuringRefreshesLosesNoAnsweredGrantTokenOrClockTime) {
  TempDir dir;
  std::string redirect_uri;
  const std::string config = write_config(dir, redirect_uri);
  const std::string state = (dir / "oauthsim-state.db").string();
  common::SocketHttpTransport http;

  Serve first = start_serve(dir, "serve-1", config, state);
  EXPECT_NE(first.process->out().find("state file            " + state + " (new"),
            std::string::npos)
      << first.process->out();
  std::vector<GrantRecord> grants(kGrants);
  {
    scenario::UserAgent browser(http);
    for (int i = 0; i < kGrants; ++i) {
      grants[i].original = obtain_grant(browser, http, first, redirect_uri, i);
    }
  }
  const auto advanced = control(http, first, "POST", "/_oauthsim/clock/advance",
                                nlohmann::json{{"seconds", kClockAdvanceSeconds}}.dump());
  ASSERT_EQ(advanced.status, 200) << advanced.body;
  const std::int64_t clock_before_kill =
      nlohmann::json::parse(advanced.body).at("now_ms").get<std::int64_t>();

  RefreshingClient client(first.authz, grants);
  client.start(2);
  ASSERT_TRUE(client.wait_for_answers(kAnsweredBeforeKill, kRefreshDeadline))
      << "only " << client.answered() << " refreshes answered\n"
      << first.process->output_for_diagnosis();
  ASSERT_TRUE(first.process->send_signal(SIGKILL));
  const auto killed = first.process->wait_for_exit(kStopDeadline);
  ASSERT_TRUE(killed && !killed->exited && killed->signal == SIGKILL);
  client.join();
  ASSERT_EQ(client.unexpected(), "") << "a refresh was refused before the kill";

  Serve second = start_serve(dir, "serve-2", config, state);
  const std::string banner = second.process->out();
  EXPECT_NE(banner.find("state file            " + state + ": loaded"), std::string::npos)
      << banner;

  // The clock resumed where it had been advanced to, not at the system's time.
  const auto clock = control(http, second, "GET", "/_oauthsim/clock");
  ASSERT_EQ(clock.status, 200) << clock.body;
  EXPECT_EQ(nlohmann::json::parse(clock.body).at("now_ms").get<std::int64_t>(), clock_before_kill);

  int answered = 0, untouched = 0, in_flight = 0;
  for (std::size_t i = 0; i < grants.size(); ++i) {
    const GrantRecord& g = grants[i];
    SCOPED_TRACE("grant " + std::to_string(i));
    switch (g.outcome) {
      case Outcome::kAnswered: {
        ++answered;
        // Answered with 200 before the kill: the rotated token and the new access token live.
        EXPECT_EQ(api_status(http, second, g.rotated.access_token), 200);
        const auto once = token_request(
            http, second.authz,
            {{"grant_type", "refresh_token"}, {"refresh_token", g.rotated.refresh_token}});
        EXPECT_EQ(once.status, 200) << once.body;
        const auto twice = token_request(
            http, second.authz,
            {{"grant_type", "refresh_token"}, {"refresh_token", g.rotated.refresh_token}});
        EXPECT_EQ(twice.status, 400) << "a rotated refresh token worked twice: " << twice.body;
        break;
      }
      case Outcome::kUntouched: {
        ++untouched;
        // Never refreshed: the tokens of the code exchange still work.
        EXPECT_EQ(api_status(http, second, g.original.access_token), 200);
        const auto r = token_request(
            http, second.authz,
            {{"grant_type", "refresh_token"}, {"refresh_token", g.original.refresh_token}});
        EXPECT_EQ(r.status, 200) << r.body;
        break;
      }
      case Outcome::kInFlight: {
        ++in_flight;
        // Killed mid-request: committed (the token is spent, presenting it again is reuse) or
        // not (it still works); either way the server gives a definite answer.
        const auto r = token_request(
            http, second.authz,
            {{"grant_type", "refresh_token"}, {"refresh_token", g.original.refresh_token}});
        EXPECT_TRUE(r.status == 200 || r.status == 400) << r.status << " " << r.body;
        break;
      }
    }
  }
  EXPECT_GE(answered, kAnsweredBeforeKill);
  EXPECT_GE(in_flight + untouched, 1) << "the kill came after every refresh had been answered";
  std::cout << "[          ] grants answered before the kill: " << answered
            << ", in flight: " << in_flight << ", untouched: " << untouched << "\n";

  second.process->send_signal(SIGTERM);
  const auto stopped = second.process->wait_for_exit(kStopDeadline);
  ASSERT_TRUE(stopped);
  EXPECT_TRUE(stopped->exited_with(0)) << stopped->describe();
}

TEST(ServeStateProcess, AFileThatIsNotAStateFileExitsWith2AndIsLeftUntouched) {
  TempDir dir;
  const auto notes = dir / "notes.txt";
  write_file(notes, "my notes, not a database\n");
  ChildProcess p({kAppBin, "serve", "--no-client", "--authz-port", "0", "--api-port", "0",
                  "--state", notes.string()},
                 dir.path(), "serve-not-state");
  const auto status = p.wait_for_exit(kStopDeadline);
  ASSERT_TRUE(status) << "still running";
  EXPECT_TRUE(status->exited_with(2)) << status->describe() << p.output_for_diagnosis();
  EXPECT_NE(p.err().find(notes.string()), std::string::npos) << p.err();
  EXPECT_NE(p.err().find("not an oauthsim state file"), std::string::npos) << p.err();
  EXPECT_EQ(read_file(notes), "my notes, not a database\n");
}

TEST(ServeStateProcess, AStateFileThatCannotBeCreatedExitsWith2NamingIt) {
  TempDir dir;
  const auto path = dir / "missing-dir" / "state.db";
  ChildProcess p({kAppBin, "serve", "--no-client", "--authz-port", "0", "--api-port", "0",
                  "--state", path.string()},
                 dir.path(), "serve-unwritable");
  const auto status = p.wait_for_exit(kStopDeadline);
  ASSERT_TRUE(status) << "still running";
  EXPECT_TRUE(status->exited_with(2)) << status->describe() << p.output_for_diagnosis();
  EXPECT_NE(p.err().find(path.string()), std::string::npos) << p.err();
}

TEST(ServeStateProcess, ASecondServeOnTheSameStateFileExitsWith2) {
  TempDir dir;
  std::string redirect_uri;
  const std::string config = write_config(dir, redirect_uri);
  const std::string state = (dir / "shared.db").string();
  Serve first = start_serve(dir, "serve-first", config, state);
  ChildProcess second({kAppBin, "serve", "--no-client", "--authz-port", "0", "--api-port", "0",
                       "--config", config, "--state", state},
                      dir.path(), "serve-second");
  const auto status = second.wait_for_exit(kStopDeadline);
  ASSERT_TRUE(status) << "the second serve is running on the same state file";
  EXPECT_TRUE(status->exited_with(2)) << status->describe() << second.output_for_diagnosis();
  EXPECT_NE(second.err().find(state), std::string::npos) << second.err();
  EXPECT_NE(second.err().find("locked"), std::string::npos) << second.err();
  // The first one is unharmed.
  common::SocketHttpTransport http;
  EXPECT_EQ(control(http, first, "GET", "/_oauthsim/clock").status, 200);
  first.process->send_signal(SIGTERM);
  const auto stopped = first.process->wait_for_exit(kStopDeadline);
  ASSERT_TRUE(stopped);
  EXPECT_TRUE(stopped->exited_with(0)) << stopped->describe();
}

TEST(ServeStateProcess, HelpSaysWhatTheStateFileKeepsAndWhatItDoesNot) {
  TempDir dir;
  ChildProcess p({kAppBin, "serve", "--help"}, dir.path(), "serve-help");
  const auto status = p.wait_for_exit(kStopDeadline);
  ASSERT_TRUE(status && status->exited_with(0)) << p.output_for_diagnosis();
  for (const char* text : {"--state", "refresh tokens", "virtual", "Not kept", "browser",
                           "queued faults", "the trace", "deleted users", "reset"}) {
    EXPECT_NE(p.out().find(text), std::string::npos) << "no '" << text << "' in\n" << p.out();
  }
}

}  // namespace
}  // namespace oauthsim::process_test
