#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/scenario/judging/flow_view.h"

namespace oauthsim::scenario {

// How much a failed check weighs. FAIL: the app would break against SmartRecruiters, or it
// breaks a security rule (RFC 6749 section 10, RFC 9700). WARNING: it departs from an RFC, or
// relies on something only the mock offers, where SR tolerates it or the app may cope and no
// security property is lost. A flow with failed warnings only still passes (unless --strict).
enum class CheckLevel { kFail, kWarning };
std::string_view to_string(CheckLevel level);  // "FAIL", "WARNING"

struct CheckResult {
  std::string name;  // the assertion, e.g. StateIsEchoedUnchanged
  std::string ref;   // the rule, e.g. RFC6749-4.1.2
  bool passed = false;
  std::string evidence;         // expected vs actual, for a person
  std::uint64_t trace_seq = 0;  // the entry it judged; 0: none
  CheckLevel level = CheckLevel::kFail;
  // A failed check that breaks its step (FAIL level, or any level under --strict).
  bool blocks() const { return !passed && level == CheckLevel::kFail; }
  bool warns() const { return !passed && level == CheckLevel::kWarning; }
};

// One assertion about one step, judged from the trace alone. Stateless.
class Check {
 public:
  virtual ~Check() = default;
  virtual int step() const = 0;
  virtual std::string_view name() const = 0;
  virtual std::string_view ref() const = 0;
  virtual CheckLevel level() const { return CheckLevel::kFail; }
  // nullopt when the check does not apply to this flow (its exchange never happened).
  virtual std::optional<CheckResult> evaluate(const FlowView& flow) const = 0;

 protected:
  CheckResult pass(std::string evidence, const common::TraceEntry* e = nullptr) const;
  CheckResult fail(std::string evidence, const common::TraceEntry* e = nullptr) const;
  // A failure at WARNING level, for a check whose one kind of departure SR tolerates while
  // another breaks the flow (the README's table names both).
  CheckResult warn(std::string evidence, const common::TraceEntry* e = nullptr) const;
};

// Declares a check class: its step, its name (the assertion) and the rule it enforces; the
// evaluate() body is written in a .cpp file.
#define OAUTHSIM_DECLARE_CHECK(Name, Step, Ref)                               \
  class Name final : public ::oauthsim::scenario::Check {                     \
   public:                                                                    \
    int step() const override { return Step; }                                \
    std::string_view name() const override { return #Name; }                  \
    std::string_view ref() const override { return Ref; }                     \
    std::optional<CheckResult> evaluate(const FlowView& flow) const override; \
  }

// Every check the harness knows, in step order.
const std::vector<std::unique_ptr<Check>>& standard_checks();

}  // namespace oauthsim::scenario
