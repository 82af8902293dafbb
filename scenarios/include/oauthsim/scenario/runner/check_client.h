#pragma once
// `oauthsim check-client` as a library: the client test plan run against a vendor's own app,
// which oauthsim sees only on the wire (what it sends the mock servers, what the user agent gets
// from it). The same scenario engine, checks and reports as `oauthsim run`.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/common/config.h"
#include "oauthsim/scenario/runner/mission_flows.h"
#include "oauthsim/scenario/runner/scenario_file.h"
#include "oauthsim/scenario/world/world.h"

namespace oauthsim::scenario {

// The tag that puts a catalog scenario into the client test plan.
inline constexpr std::string_view kClientTestPlanTag = "client_test_plan";

struct CheckClientOptions {
  common::Config config = common::default_config();
  std::string client_id;  // the app's registration; empty: the configuration's first client
  // The user who logs in and decides (its password from the configuration); empty: the
  // configuration's first user.
  std::string username;
  ExternalClient client;  // the app's start URL and optional action URL
  std::string host = "127.0.0.1";
  int authz_port = 0;  // 0: any free port (a separate app needs fixed ones)
  int api_port = 0;
  std::vector<std::string> scenarios;  // plan scenario names; empty: the whole plan
  // Called in every scenario once the mock servers listen (a test configures its app here).
  std::function<void(const ServerUrls&)> on_servers_listening;
  std::uint64_t seed = 1;
  // Set: the mock servers speak https with `server`, and the user agent (and the reachability
  // probe) verify every https peer, the app included, against `verify`'s CA.
  std::optional<common::TlsServerOptions> server_tls;
  std::optional<common::TlsClientOptions> verify_tls;
};

// The catalog scenarios tagged kClientTestPlanTag, in file name order.
std::vector<ScenarioSpec> client_test_plan();

// True when the scenario makes the app call the Customer API (it needs an action URL).
bool needs_action_url(const ScenarioSpec& spec);
// True when the scenario means https (a TLS world, or a refused TLS handshake).
bool needs_tls(const ScenarioSpec& spec);

// The configuration's user the plan logs in as: `username`, or the first user. Throws
// std::invalid_argument naming the user when there is none such.
const common::UserConfig& plan_user(const CheckClientOptions& options);

// Throws std::invalid_argument naming what is wrong: a start or action URL that is not an
// absolute http(s) URL, a client_id the configuration lacks, a user it lacks, a registration
// without a redirect URI, a scenario name not in the plan (listing the plan).
void validate(const CheckClientOptions& options);

// The plan scenarios the options select (all when none are named), without those that need an
// action URL when there is none or https when the servers speak plain http; `left_out`
// (optional) gets "NAME: why" for each of those.
std::vector<ScenarioSpec> selected_plan(const CheckClientOptions& options,
                                        std::vector<std::string>* left_out = nullptr);

// A scenario run against the external client: a world of the options' configuration and
// registration, its servers on the options' host and ports, and no reference app.
MissionFlow external_client_flow(const ScenarioSpec& spec, const CheckClientOptions& options);

// Why the app does not answer at `url` (refused, timed out...), or nullopt when it answers with
// any HTTP status. One GET, redirects not followed.
std::optional<std::string> probe_app(const std::string& url, int timeout_seconds = 5,
                                     const std::optional<common::TlsClientOptions>& tls = {});

// Runs the selected plan, one fresh world per scenario; `progress` sees each result as it comes.
using CheckClientProgress =
    std::function<void(std::size_t index, std::size_t count, const FlowResult& result)>;
std::vector<FlowResult> check_client(const CheckClientOptions& options,
                                     const CheckClientProgress& progress = {});

}  // namespace oauthsim::scenario
