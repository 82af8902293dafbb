#include "oauthsim/scenario/judging/check.h"

namespace oauthsim::scenario {

CheckResult Check::pass(std::string evidence, const common::TraceEntry* e) const {
  return {std::string(name()), std::string(ref()), true, std::move(evidence), e ? e->seq : 0};
}

CheckResult Check::fail(std::string evidence, const common::TraceEntry* e) const {
  return {std::string(name()), std::string(ref()), false, std::move(evidence), e ? e->seq : 0};
}

}  // namespace oauthsim::scenario
