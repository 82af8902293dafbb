#include "oauthsim/scenario/judging/steps.h"

#include <algorithm>
#include <optional>

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
namespace party = common::party;

std::string line_of(const TraceEntry& e) {
  std::string s = e.method + " " + e.path + " -> " + std::to_string(e.status);
  if (auto err = e.response_fields.get("error")) s += " " + *err;
  return s;
}

StepObservation reached(const TraceEntry* e, std::string summary) {
  StepObservation o;
  o.reached = e != nullptr;
  o.entry = e;
  o.summary = std::move(summary);
  return o;
}

StepObservation refused(StepObservation o, std::string error) {
  o.refused = true;
  o.error = std::move(error);
  return o;
}

StepObservation observe(int step, const FlowView& flow) {
  switch (step) {
    case 1: {
      auto* e = flow.first([](const TraceEntry& t) {
        return t.observer == party::kUserAgent && t.to == party::kClient;
      });
      if (!e) return {};
      auto o = reached(e, line_of(*e));
      return e->status >= 400 || e->status == 0 ? refused(o, "http_" + std::to_string(e->status))
                                                : o;
    }
    case 2: {
      auto* e = flow.authorization_request();
      if (!e) return {};
      auto o = reached(e, line_of(*e));
      if (e->status >= 400) return refused(o, "error_page");
      if (auto err = location_params(*e).get("error")) return refused(o, *err);
      return o;
    }
    case 3: {
      auto logins = flow.all(FlowView::seen_by(party::kAuthorizationServer, "POST", paths::kLogin));
      if (logins.empty()) return {};
      auto o = reached(logins.back(), std::to_string(logins.size()) + " login attempt(s), last " +
                                          line_of(*logins.back()));
      for (auto* l : logins) {
        if (has_outcome(*l, common::ExchangeOutcome::kLoginAccepted)) return o;
      }
      return refused(o, "login_failed");
    }
    case 4: {
      auto* e = flow.first([](const TraceEntry& t) {
        return t.observer == party::kAuthorizationServer &&
               has_outcome(t, common::ExchangeOutcome::kConsentShown);
      });
      return e ? reached(e, line_of(*e) + " (consent form)") : StepObservation{};
    }
    case 5: {
      auto* e = flow.first(FlowView::seen_by(party::kAuthorizationServer, "POST", paths::kConsent));
      if (!e) return {};
      const std::string decision = e->form.get_or("decision", "(none)");
      auto o = reached(e, "decision=" + decision + ", " + line_of(*e));
      return decision == "allow" ? o : refused(o, "access_denied");
    }
    case 6: {
      auto* e = flow.redirect_back();
      if (!e) return {};
      const auto p = location_params(*e);
      auto o =
          reached(e, "302 to " + location_without_query(*e) +
                         (p.has("code") ? " with a code" : " with error=" + p.get_or("error", "")));
      return p.has("error") ? refused(o, p.get_or("error", "")) : o;
    }
    case 7:
    case 8: {
      // A client acting for itself (client credentials) has no code: its token request is the
      // back-channel leg of its flow.
      std::string grant = "authorization_code";
      auto reqs = flow.token_requests(grant);
      if (reqs.empty()) reqs = flow.token_requests(grant = "client_credentials");
      if (reqs.empty()) return {};
      const TraceEntry* e = reqs.front();
      if (step == 7) {
        return reached(e,
                       "POST " + e->path + " grant_type=" + grant +
                           (reqs.size() > 1 ? " (" + std::to_string(reqs.size()) + " times)" : ""));
      }
      auto o = reached(e, line_of(*e));
      if (e->status == 200) return o;
      o.reason = std::string(common::refusal_reason_name(e->refusal_reason));
      return refused(o, e->response_fields.get_or("error", "http_" + std::to_string(e->status)));
    }
    case 9: {
      auto calls = flow.api_requests();
      if (calls.empty()) return {};
      return reached(calls.front(), std::to_string(calls.size()) + " API call(s), first " +
                                        calls.front()->method + " " + calls.front()->path);
    }
    case 10: {
      auto calls = flow.api_requests();
      if (calls.empty()) return {};
      std::string statuses;
      for (auto* c : calls) statuses += (statuses.empty() ? "" : ", ") + std::to_string(c->status);
      const TraceEntry* last = calls.back();
      auto o = reached(last, "answers " + statuses);
      if (last->status / 100 == 2) return o;
      auto challenge = last->response_headers.get_or("WWW-Authenticate", "");
      return refused(o, challenge_attribute(challenge, "error")
                            .value_or(last->response_fields.get_or(
                                "error", "http_" + std::to_string(last->status))));
    }
  }
  return {};
}

std::string describe(const StepExpectation& x) {
  switch (x.kind) {
    case StepExpectation::Kind::kPass:
      return "completes";
    case StepExpectation::Kind::kRefused:
      return (x.error.empty() ? "is refused" : "is refused with " + x.error) +
             (x.reason.empty() ? "" : " because of " + x.reason);
    case StepExpectation::Kind::kNotReached:
      return "is never reached";
  }
  return "?";
}

std::string describe(const StepObservation& o) {
  if (!o.reached) return "was never reached";
  if (o.refused) {
    return "was refused with " + o.error + (o.reason.empty() ? "" : " because of " + o.reason) +
           " (" + o.summary + ")";
  }
  return "completed (" + o.summary + ")";
}

bool matches(const StepExpectation& x, const StepObservation& o) {
  switch (x.kind) {
    case StepExpectation::Kind::kPass:
      return o.reached && !o.refused;
    case StepExpectation::Kind::kRefused:
      return o.reached && o.refused && (x.error.empty() || x.error == o.error) &&
             (x.reason.empty() || x.reason == o.reason);
    case StepExpectation::Kind::kNotReached:
      return !o.reached;
  }
  return false;
}

}  // namespace

std::string_view step_title(int step) {
  static constexpr std::array<std::string_view, kStepCount> kTitles = {
      "user asks the client to connect",
      "client redirects to the authorization endpoint",
      "user logs in at the authorization server",
      "authorization server shows the consent form",
      "user allows or denies",
      "authorization server redirects back (code or error)",
      "client posts the code with its authentication",
      "authorization server answers tokens or an error",
      "client calls the Customer API with the bearer token",
      "Customer API grants or refuses",
  };
  return step >= 1 && step <= kStepCount ? kTitles[static_cast<std::size_t>(step - 1)] : "?";
}

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return "pass";
    case Verdict::kFail:
      return "fail";
    case Verdict::kNotReached:
      return "not_reached";
  }
  return "?";
}

StepObservation observe_step(int step, const FlowView& flow) {
  return observe(step, flow);
}

std::vector<StepResult> judge_steps(const FlowView& flow, const Expectations& expected,
                                    const std::vector<const Check*>& extra_checks,
                                    const std::vector<std::string>& expected_failures) {
  std::vector<const Check*> checks;
  for (const auto& c : standard_checks()) checks.push_back(c.get());
  // From here on, checks the scenario asked for: each must be judged, or the scenario fails.
  const std::size_t first_requested = checks.size();
  checks.insert(checks.end(), extra_checks.begin(), extra_checks.end());
  auto expected_to_fail = [&](std::string_view name) {
    return std::find(expected_failures.begin(), expected_failures.end(), name) !=
           expected_failures.end();
  };

  std::vector<StepResult> out;
  for (int step = 1; step <= kStepCount; ++step) {
    const StepExpectation& x = expected[static_cast<std::size_t>(step - 1)];
    const StepObservation o = observe(step, flow);
    StepResult r;
    r.step = step;
    r.observed = describe(o);
    CheckResult outcome{"StepOutcomeMatchesScenario",
                        "scenario",
                        matches(x, o),
                        "expected: the step " + describe(x) + "; actual: it " + describe(o),
                        o.entry ? o.entry->seq : 0,
                        CheckLevel::kFail};
    r.checks.push_back(outcome);
    for (std::size_t i = 0; i < checks.size(); ++i) {
      const Check* c = checks[i];
      if (c->step() != step) continue;
      const bool inverted = expected_to_fail(c->name());
      std::optional<CheckResult> result;
      if (o.reached) result = c->evaluate(flow);
      if (!result && i >= first_requested) {
        // A scenario that names a check claims its verdict covers it: passing without judging
        // it would be a silent verdict.
        result = CheckResult{std::string(c->name()),
                             std::string(c->ref()),
                             false,
                             "requested but never applied: " +
                                 std::string(o.reached ? "nothing in the trace for it to judge"
                                                       : "its step was never reached"),
                             0,
                             CheckLevel::kFail};
      }
      if (result && inverted) {
        result->evidence = (result->passed ? "the scenario expects this check to fail, but it "
                                             "passed: "
                                           : "fails as the scenario expects: ") +
                           result->evidence;
        result->passed = !result->passed;
        // What the scenario is built to show is never a mere warning.
        result->level = CheckLevel::kFail;
      } else if (!result && inverted) {
        result = CheckResult{std::string(c->name()),
                             std::string(c->ref()),
                             false,
                             "the scenario expects this check to fail, but it never applied "
                             "(its exchange did not happen)",
                             0,
                             CheckLevel::kFail};
      }
      if (result) r.checks.push_back(std::move(*result));
    }
    bool all_passed = true;
    for (const auto& c : r.checks) all_passed = all_passed && !c.blocks();
    r.verdict = !all_passed ? Verdict::kFail : o.reached ? Verdict::kPass : Verdict::kNotReached;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace oauthsim::scenario
