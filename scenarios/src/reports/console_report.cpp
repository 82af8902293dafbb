#include "oauthsim/scenario/reports/console_report.h"

#include <algorithm>
#include <iomanip>

namespace oauthsim::scenario {
namespace {

std::string cell(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return "pass";
    case Verdict::kFail:
      return "FAIL";
    case Verdict::kNotReached:
      return "-";
  }
  return "?";
}

void print_checks(std::ostream& out, const StepResult& s, bool failing_only) {
  for (const auto& c : s.checks) {
    if (failing_only && c.passed) continue;
    out << "      "
        << (c.passed    ? "ok   "
            : c.warns() ? "WARN "
                        : "FAIL ")
        << c.name << " [" << c.ref << "]";
    if (c.trace_seq) out << " (trace #" << c.trace_seq << ")";
    out << "\n        " << c.evidence << "\n";
  }
}

}  // namespace

void print_progress(std::ostream& out, std::size_t index, std::size_t total, const FlowResult& r) {
  const std::size_t warnings = warning_count(r);
  out << "[" << index << "/" << total << "] " << std::left << std::setw(16) << r.name << " "
      << (r.passed ? "pass" : "FAIL") << " (" << static_cast<long>(r.wall_ms) << " ms)"
      << (warnings ? ", " + std::to_string(warnings) + " warning(s)" : "") << "\n";
  if (!r.error.empty()) out << "      error: " << r.error << "\n";
}

void print_summary(std::ostream& out, const std::vector<FlowResult>& results, bool verbose) {
  std::size_t width = 6;
  for (const auto& r : results) width = std::max(width, r.name.size() + 2);
  out << "\n" << std::left << std::setw(static_cast<int>(width)) << "flow";
  for (int s = 1; s <= kStepCount; ++s) out << std::setw(6) << s;
  out << "result\n";
  for (const auto& r : results) {
    out << std::setw(static_cast<int>(width)) << r.name;
    for (const auto& s : r.steps) out << std::setw(6) << cell(s.verdict);
    for (std::size_t i = r.steps.size(); i < kStepCount; ++i) out << std::setw(6) << "?";
    out << (r.passed ? "pass" : "FAIL") << "\n";
  }
  out << "\nsteps:";
  for (int s = 1; s <= kStepCount; ++s)
    out << (s % 2 ? "\n  " : "   ") << std::setw(2) << std::right << s << " " << std::left
        << std::setw(52) << step_title(s);
  out << "\n  pass: completed or refused as expected; -: not reached, as expected; FAIL: see "
         "below\n";

  std::size_t passed = 0;
  std::size_t warned = 0;
  for (const auto& r : results) {
    passed += r.passed ? 1 : 0;
    const std::size_t warnings = warning_count(r);
    warned += warnings;
    const bool show = verbose || !r.passed || warnings > 0;
    if (!show) continue;
    out << "\n"
        << r.name << (r.passed ? "" : " (FAILED)")
        << (warnings ? " (" + std::to_string(warnings) + " warning(s))" : "") << "\n";
    if (!r.error.empty()) out << "  harness error: " << r.error << "\n";
    for (const auto& s : r.steps) {
      const bool step_warns = std::any_of(s.checks.begin(), s.checks.end(),
                                          [](const CheckResult& c) { return c.warns(); });
      if (!verbose && s.verdict != Verdict::kFail && !step_warns) continue;
      out << "  step " << s.step << " " << step_title(s.step) << ": " << to_string(s.verdict)
          << "\n"
          << "    observed: " << s.observed << "\n";
      print_checks(out, s, !verbose);
    }
    if (verbose) {
      out << "  trace (secrets redacted):\n";
      for (const auto& e : r.trace) out << "    " << e.summary() << "\n";
    }
  }
  if (warned) {
    out << "\n"
        << warned
        << " WARNING check(s) failed: allowed, since SR tolerates them (--strict fails them)\n";
  }
  out << "\n" << passed << " passed, " << (results.size() - passed) << " failed\n";
}

}  // namespace oauthsim::scenario
