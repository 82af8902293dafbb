#include "oauthsim/scenario/judging/check.h"

namespace oauthsim::scenario {

std::string_view to_string(CheckLevel level) {
  return level == CheckLevel::kWarning ? "WARNING" : "FAIL";
}

CheckResult Check::pass(std::string evidence, const common::TraceEntry* e) const {
  return {std::string(name()), std::string(ref()), true,
          std::move(evidence), e ? e->seq : 0,     level()};
}

CheckResult Check::fail(std::string evidence, const common::TraceEntry* e) const {
  return {std::string(name()), std::string(ref()), false,
          std::move(evidence), e ? e->seq : 0,     level()};
}

CheckResult Check::warn(std::string evidence, const common::TraceEntry* e) const {
  CheckResult r = fail(std::move(evidence), e);
  r.level = CheckLevel::kWarning;
  return r;
}

}  // namespace oauthsim::scenario
