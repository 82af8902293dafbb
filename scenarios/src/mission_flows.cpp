#include "oauthsim/scenario/mission_flows.h"

#include <chrono>
#include <stdexcept>

#include "oauthsim/client/app_settings.h"
#include "oauthsim/common/url.h"
#include "oauthsim/scenario/refresh_checks.h"

namespace oauthsim::scenario {
namespace {

using Kind = StepExpectation::Kind;

Expectations all_pass() {
  Expectations x;
  x.fill(StepExpectation::passes());
  return x;
}

UserScript alice(Decision decision) {
  return {"alice@example.com", "wonderland", std::nullopt, decision};
}

void browse_or_throw(World& world, const std::string& url, const UserScript* script) {
  BrowseResult r = script ? world.user_agent().run_flow(url, *script) : world.user_agent().get(url);
  if (r.error) throw std::runtime_error("user agent: " + *r.error);
}

MissionFlow allow_flow() {
  MissionFlow f;
  f.name = "allow";
  f.description = "Alice logs in, allows Acme ATS, the app exchanges the code and reads /users/me";
  f.run = [](World& w) {
    const auto script = alice(Decision::kAllow);
    browse_or_throw(w, w.connect_url(), &script);
  };
  f.expected = all_pass();
  return f;
}

MissionFlow deny_flow() {
  MissionFlow f;
  f.name = "deny";
  f.description = "Alice denies: access_denied comes back with the state, no token request follows";
  f.run = [](World& w) {
    const auto script = alice(Decision::kDeny);
    browse_or_throw(w, w.connect_url(), &script);
  };
  f.expected = all_pass();
  f.expected[4] = StepExpectation::refused("access_denied");
  f.expected[5] = StepExpectation::refused("access_denied");
  for (std::size_t i = 6; i < kStepCount; ++i) f.expected[i] = StepExpectation::not_reached();
  return f;
}

MissionFlow invalid_code_flow() {
  MissionFlow f;
  f.name = "invalid_code";
  f.description =
      "The code is swapped on its way back; the token endpoint refuses it with invalid_grant";
  f.run = [](World& w) {
    // Replace the code in the redirect to the client with one the server never issued.
    w.tamper_user_agent_responses([](const common::HttpRequest&, common::HttpResponse& res) {
      auto location = res.header("Location");
      if (res.status / 100 != 3 || !location) return;
      auto url = common::parse_url(*location);
      if (!url || !url->query_params().has("code")) return;
      common::Params params = url->query_params();
      params.set("code", "not-a-code-this-server-issued");
      url->query = params.encode();
      res.headers.erase("location");
      res.headers.set("Location", url->to_string());
    });
    const auto script = alice(Decision::kAllow);
    browse_or_throw(w, w.connect_url(), &script);
  };
  f.expected = all_pass();
  f.expected[7] = StepExpectation::refused("invalid_grant");
  f.expected[8] = StepExpectation::not_reached();
  f.expected[9] = StepExpectation::not_reached();
  return f;
}

MissionFlow expired_token_flow() {
  MissionFlow f;
  f.name = "expired_token";
  f.description =
      "The access token expires on the clock; the API answers 401 invalid_token, the app "
      "refreshes (rotation) and retries; the rotated-out refresh token is refused afterwards";
  f.configure = [](WorldOptions& o) { o.refresh_ahead = false; };
  f.run = [](World& w) {
    const auto script = alice(Decision::kAllow);
    browse_or_throw(w, w.connect_url(), &script);
    const auto before = w.vendor_app().current_tokens();
    if (!before) throw std::runtime_error("the app holds no tokens after connecting");
    w.clock().advance_seconds(w.config().lifetimes.access_token + 1);
    browse_or_throw(w, w.action_url("/users/me"), nullptr);
    // Present the refresh token the app was made to give up, as a stolen copy would be.
    const auto& reg = w.client_registration();
    w.direct_transport().send(common::HttpRequest::post_form(
        w.token_endpoint(), {{"grant_type", "refresh_token"},
                             {"refresh_token", before->refresh_token},
                             {"client_id", reg.client_id},
                             {"client_secret", reg.client_secret}}));
  };
  f.expected = all_pass();
  f.extra_checks = {std::make_shared<ExpiredTokenIsRefusedAsInvalidToken>(),
                    std::make_shared<ClientRefreshesAndRetriesOnce>(),
                    std::make_shared<RefreshRotatesRefreshToken>(),
                    std::make_shared<RotatedOutRefreshTokenIsRefused>()};
  return f;
}

}  // namespace

std::vector<MissionFlow> mission_flows() {
  return {allow_flow(), deny_flow(), invalid_code_flow(), expired_token_flow()};
}

FlowResult run_mission_flow(const MissionFlow& flow, std::uint64_t seed) {
  FlowResult result;
  result.name = flow.name;
  const auto started = std::chrono::steady_clock::now();
  WorldOptions options;
  options.seed = seed;
  if (flow.configure) flow.configure(options);
  std::vector<const Check*> extras;
  for (const auto& c : flow.extra_checks) extras.push_back(c.get());
  try {
    World world(options);
    try {
      flow.run(world);
    } catch (const std::exception& e) {
      result.error = e.what();
    }
    if (!world.trace().settle()) {
      result.error += (result.error.empty() ? "" : "; ") +
                      std::string("some exchanges never finished recording into the trace");
    }
    result.trace = world.trace().entries();
    FlowView view(result.trace, &world.client_registration());
    result.steps = judge_steps(view, flow.expected, extras);
  } catch (const std::exception& e) {
    result.error = std::string("could not set up the parties: ") + e.what();
  }
  result.passed = result.error.empty() && !result.steps.empty();
  for (const auto& s : result.steps) result.passed = result.passed && s.verdict != Verdict::kFail;
  result.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace oauthsim::scenario
