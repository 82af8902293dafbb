#include "oauthsim/scenario/reports/html_report.h"

#include <cstdio>

#include "html_report_style.h"
#include "oauthsim/scenario/reports/sequence_diagram.h"
#include "oauthsim/scenario/reports/xml_text.h"

namespace oauthsim::scenario {
namespace {

// A check's level as the report shows it. Checks have one level today: a failed check fails
// its step. Kept in one place so a WARNING level lands here and in the summary's count.
std::string level_of(const CheckResult& c) {
  return c.passed ? "pass" : "FAIL";
}
bool is_warning(const CheckResult& c) {
  return level_of(c) == "WARNING";
}

std::string format_ms(double ms) {
  char buf[32];
  if (ms >= 1000) {
    std::snprintf(buf, sizeof buf, "%.2f s", ms / 1000);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f ms", ms);
  }
  return buf;
}

std::string anchor(const FlowResult& r) {
  return "scenario-" + r.name;
}

std::string verdict_badge(Verdict v) {
  const std::string word = std::string(to_string(v));
  const std::string shown = v == Verdict::kPass ? "pass" : v == Verdict::kFail ? "FAIL" : "\u2013";
  return "<span class=\"verdict " + word + "\" title=\"" + word + "\">" + shown + "</span>";
}

std::string result_badge(const FlowResult& r) {
  return r.passed ? "<span class=\"verdict pass\">pass</span>"
                  : "<span class=\"verdict fail\">FAIL</span>";
}

std::string summary_cards(const std::vector<FlowResult>& results) {
  std::size_t passed = 0, warnings = 0;
  double ms = 0;
  for (const auto& r : results) {
    passed += r.passed ? 1 : 0;
    ms += r.wall_ms;
    for (const auto& s : r.steps) {
      for (const auto& c : s.checks) warnings += is_warning(c) ? 1 : 0;
    }
  }
  auto card = [](const char* cls, const std::string& n, const char* k) {
    return std::string("<div class=\"card ") + cls + "\"><span class=\"n\" data-count=\"" + cls +
           "\">" + n + "</span><span class=\"k\">" + k + "</span></div>";
  };
  return "<section class=\"cards\" aria-label=\"Summary\">" +
         card("scenarios", std::to_string(results.size()), "scenarios") +
         card("passed", std::to_string(passed), "passed") +
         card("failed", std::to_string(results.size() - passed), "failed") +
         card("warnings", std::to_string(warnings), "warnings") +
         card("time", format_ms(ms), "time") + "</section>\n";
}

std::string overview(const std::vector<FlowResult>& results) {
  std::string h = "<table class=\"overview\"><thead><tr><th>scenario</th>";
  for (int step = 1; step <= kStepCount; ++step) {
    h += "<th title=\"" + xml_attribute(step_title(step)) + "\">" + std::to_string(step) + "</th>";
  }
  h += "<th>result</th><th>time</th></tr></thead><tbody>\n";
  for (const auto& r : results) {
    h += "<tr><td><a href=\"#" + xml_attribute(anchor(r)) + "\">" + xml_text(r.name) + "</a></td>";
    for (const auto& s : r.steps) h += "<td class=\"v\">" + verdict_badge(s.verdict) + "</td>";
    for (std::size_t i = r.steps.size(); i < static_cast<std::size_t>(kStepCount); ++i) {
      h += "<td class=\"v\"></td>";
    }
    h += "<td class=\"v\">" + result_badge(r) + "</td><td class=\"muted\">" + format_ms(r.wall_ms) +
         "</td></tr>\n";
  }
  return h + "</tbody></table>\n";
}

std::string check_item(const CheckResult& c) {
  std::string level = level_of(c);
  std::string h = "<li class=\"check " + std::string(c.passed ? "pass" : "fail") + "\">";
  h += "<span class=\"name\">" + xml_text(c.name) + "</span> ";
  if (!c.passed) h += "<span class=\"level " + level + "\">" + level + "</span> ";
  h += "<span class=\"ref\">" + xml_text(c.ref) + "</span>";
  if (!c.passed) h += "<span class=\"evidence\">" + xml_text(c.evidence) + "</span>";
  return h + "</li>";
}

std::string step_table(const FlowResult& r) {
  std::string h =
      "<table class=\"steps\"><thead><tr><th>#</th><th>step</th><th>verdict</th>"
      "<th>observed</th><th>checks</th></tr></thead><tbody>\n";
  for (const auto& s : r.steps) {
    const std::string word = std::string(to_string(s.verdict));
    h += "<tr class=\"step " + word + "\" data-step=\"" + std::to_string(s.step) +
         "\" data-verdict=\"" + word + "\"><td>" + std::to_string(s.step) + "</td><td>" +
         xml_text(step_title(s.step)) + "</td><td>" + verdict_badge(s.verdict) + "</td><td>" +
         xml_text(s.observed) + "</td><td><ul class=\"checks\">";
    for (const auto& c : s.checks) h += check_item(c);
    h += "</ul></td></tr>\n";
  }
  return h + "</tbody></table>\n";
}

DiagramFailures failures_of(const FlowResult& r) {
  DiagramFailures f;
  for (const auto& s : r.steps) {
    if (s.verdict == Verdict::kFail) f.steps.insert(s.step);
    for (const auto& c : s.checks) {
      if (c.passed || c.trace_seq == 0) continue;
      f.seqs.insert(c.trace_seq);
      f.check_names.emplace_back(c.trace_seq, c.name);
    }
  }
  return f;
}

// The failing checks beside the diagram: what broke, by which rule, and what was on the wire.
std::string failure_panel(const FlowResult& r) {
  std::string items;
  for (const auto& s : r.steps) {
    for (const auto& c : s.checks) {
      if (c.passed) continue;
      const std::string level = level_of(c);
      items +=
          "<dt>step " + std::to_string(s.step) + " \u00b7 " + xml_text(c.name) +
          " <span class=\"level " + level + "\">" + level + "</span></dt><dd><span class=\"ref\">" +
          xml_text(c.ref) + "</span>" +
          (c.trace_seq ? " <span class=\"muted\">trace #" + std::to_string(c.trace_seq) + "</span>"
                       : std::string()) +
          "<span class=\"evidence\">" + xml_text(c.evidence) + "</span></dd>";
    }
  }
  if (items.empty()) return "";
  return "<aside class=\"failures\"><h3>Why it failed</h3><dl>" + items + "</dl></aside>";
}

std::string scenario_section(const FlowResult& r) {
  const char* cls = r.passed ? "pass" : "fail";
  std::string h = "<details class=\"scenario " + std::string(cls) + "\" id=\"" +
                  xml_attribute(anchor(r)) + "\" data-scenario=\"" + xml_attribute(r.name) + "\"" +
                  (r.passed ? "" : " open") + ">\n<summary>" + result_badge(r) +
                  "<span class=\"name\">" + xml_text(r.name) + "</span><span class=\"time\">" +
                  format_ms(r.wall_ms) + "</span></summary>\n<div class=\"body\">\n";
  if (!r.error.empty()) {
    h += "<p class=\"harness-error\">The harness itself failed: " + xml_text(r.error) + "</p>\n";
  }
  h += step_table(r);
  h += "<div class=\"flow\"><div class=\"diagram\">" +
       render_sequence_svg(build_sequence_diagram(r.trace, failures_of(r))) + "</div>" +
       failure_panel(r) + "</div>\n";
  return h + "</div>\n</details>\n";
}

}  // namespace

std::string html_report(const std::vector<FlowResult>& results, const std::string& title) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      xml_text(title) + " \u2013 oauthsim report</title>\n<style>" +
      std::string(html_report_css()) + "</style>\n</head>\n<body>\n";
  h += "<header class=\"top\"><h1>" + xml_text(title) +
       "</h1><p>The SmartRecruiters three-legged OAuth flow, four parties on 127.0.0.1, judged "
       "step by step from what they saw on the wire. Codes, tokens, cookies and passwords are "
       "redacted (codes and tokens keep a fingerprint).</p></header>\n<main>\n";
  h += summary_cards(results);
  h += "<h2>Scenarios</h2>\n" + overview(results);
  h += "<h2>Flows</h2>\n<p class=\"muted\">Each scenario: its ten steps, then every exchange as "
       "an arrow under the step it belongs to. \u26a1 marks an injected fault, \u23f1 a clock "
       "jump; failing steps and their exchanges are red. Passing scenarios are folded: click to "
       "open.</p>\n";
  for (const auto& r : results) h += scenario_section(r);
  h += "</main>\n<footer>Written by oauthsim. Self-contained: no script, no external resource."
       "</footer>\n</body>\n</html>\n";
  return h;
}

}  // namespace oauthsim::scenario
