#pragma once
// Installs a scenario's faults in a world: man-in-the-middle edits of the front channel and of
// the client's back channel, and misbehaving servers.
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "oauthsim/common/http_transport.h"
#include "oauthsim/scenario/runner/scenario_file.h"
#include "oauthsim/scenario/world/world.h"

namespace oauthsim::scenario::detail {

// The client's code exchanges as they left (after any fault changed them), so a scenario can
// send one again (replay_code).
class CodeExchangeRecorder {
 public:
  void record(const common::HttpRequest& request);
  std::optional<common::HttpRequest> last() const;

 private:
  mutable std::mutex mu_;
  std::optional<common::HttpRequest> last_;
};

// Sets the world's tamperers and queues server faults; every fault that fires leaves a
// "fault: ..." marker in the trace. The recorder sees every code exchange.
void install_faults(const std::vector<ScenarioFault>& faults, World& world,
                    std::shared_ptr<CodeExchangeRecorder> recorder);

}  // namespace oauthsim::scenario::detail
