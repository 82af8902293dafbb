#include "oauthsim/scenario/reports/junit_report.h"

#include <algorithm>

#include <charconv>
#include <cmath>
#include <sstream>

#include "oauthsim/scenario/reports/xml_text.h"

namespace oauthsim::scenario {
namespace {

struct FailingCheck {
  int step = 0;
  const CheckResult* check = nullptr;
};

std::vector<FailingCheck> failing_checks(const FlowResult& r) {
  std::vector<FailingCheck> out;
  for (const auto& s : r.steps) {
    for (const auto& c : s.checks) {
      if (!c.passed) out.push_back({s.step, &c});
    }
  }
  // The checks that failed the flow lead; failed warnings follow.
  std::stable_partition(out.begin(), out.end(),
                        [](const FailingCheck& f) { return !f.check->warns(); });
  return out;
}

// CI tools read time as seconds; to_chars keeps the decimal point whatever the locale.
std::string seconds(double ms) {
  if (!std::isfinite(ms) || ms < 0) ms = 0;
  char buf[32];
  const auto [end, ec] =
      std::to_chars(buf, buf + sizeof buf, ms / 1000.0, std::chars_format::fixed, 3);
  return ec == std::errc{} ? std::string(buf, end) : "0.000";
}

std::string check_line(const FailingCheck& f) {
  return std::string(f.check->warns() ? "WARNING " : "") + "step " + std::to_string(f.step) + " " +
         std::string(step_title(f.step)) + ": " + f.check->name + " [" + f.check->ref + "] " +
         f.check->evidence;
}

std::string failure_message(const std::vector<FailingCheck>& failing) {
  if (failing.empty()) return "no step was judged";
  const FailingCheck& first = failing.front();
  return "step " + std::to_string(first.step) + " " + first.check->name + ": " +
         first.check->evidence;
}

std::string failure_text(const std::vector<FailingCheck>& failing) {
  std::string text;
  for (const auto& f : failing) text += check_line(f) + "\n";
  return text;
}

std::string step_lines(const FlowResult& r) {
  std::string text;
  for (const auto& s : r.steps) {
    text += "step " + std::to_string(s.step) + " " + std::string(step_title(s.step)) + ": " +
            std::string(to_string(s.verdict)) + " - " + s.observed + "\n";
  }
  return text;
}

void write_testcase(std::ostream& out, const FlowResult& r) {
  out << "    <testcase classname=\"" << xml_attribute("oauthsim." + r.name) << "\" name=\""
      << xml_attribute(r.name) << "\" time=\"" << seconds(r.wall_ms) << "\">\n";
  const auto failing = failing_checks(r);
  if (!r.error.empty()) {
    out << "      <error message=\"" << xml_attribute("harness error: " + r.error)
        << "\" type=\"harness\">" << xml_text(r.error + "\n" + failure_text(failing))
        << "</error>\n";
  } else if (!r.passed) {
    out << "      <failure message=\"" << xml_attribute(failure_message(failing))
        << "\" type=\"conformance\">" << xml_text(failure_text(failing)) << "</failure>\n";
  }
  if (!r.steps.empty()) {
    // A passing flow's failed warnings are shown beside its steps.
    const std::string warnings = r.passed && r.error.empty() ? failure_text(failing) : "";
    out << "      <system-out>" << xml_text(step_lines(r) + warnings) << "</system-out>\n";
  }
  out << "    </testcase>\n";
}

}  // namespace

std::string junit_report(const std::vector<FlowResult>& results) {
  std::size_t failures = 0;
  std::size_t errors = 0;
  double wall_ms = 0;
  for (const auto& r : results) {
    if (!r.error.empty()) {
      ++errors;
    } else if (!r.passed) {
      ++failures;
    }
    wall_ms += r.wall_ms;
  }
  const std::string counts = "tests=\"" + std::to_string(results.size()) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
                             "\"";
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"oauthsim\" " << counts << " time=\"" << seconds(wall_ms) << "\">\n"
      << "  <testsuite name=\"oauthsim.mission_flows\" " << counts << " skipped=\"0\" time=\""
      << seconds(wall_ms) << "\">\n";
  for (const auto& r : results) write_testcase(out, r);
  out << "  </testsuite>\n</testsuites>\n";
  return out.str();
}

}  // namespace oauthsim::scenario
