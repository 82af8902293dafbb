#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/scenario/judging/flow_view.h"

namespace oauthsim::scenario {

struct CheckResult {
  std::string name;  // the assertion, e.g. StateIsEchoedUnchanged
  std::string ref;   // the rule, e.g. RFC6749-4.1.2
  bool passed = false;
  std::string evidence;         // expected vs actual, for a person
  std::uint64_t trace_seq = 0;  // the entry it judged; 0: none
};

// One assertion about one step, judged from the trace alone. Stateless.
class Check {
 public:
  virtual ~Check() = default;
  virtual int step() const = 0;
  virtual std::string_view name() const = 0;
  virtual std::string_view ref() const = 0;
  // nullopt when the check does not apply to this flow (its exchange never happened).
  virtual std::optional<CheckResult> evaluate(const FlowView& flow) const = 0;

 protected:
  CheckResult pass(std::string evidence, const common::TraceEntry* e = nullptr) const;
  CheckResult fail(std::string evidence, const common::TraceEntry* e = nullptr) const;
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
