// The HTML report of the whole built-in catalog (plus one scenario built to fail): every
// scenario once with its ten steps, one arrow per traced exchange and one line per harness
// marker, the failing scenario open with its failing arrows and evidence, nothing fetched from
// outside, and no secret of the demo configuration in the page.
#include "oauthsim/scenario/reports/html_report.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "oauthsim/common/config.h"
#include "oauthsim/scenario/reports/replay_report.h"
#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::scenario {
namespace {

std::size_t html_count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// (attribute, value) of every src/href/action/srcset/xlink:href inside a tag. A scan rather than
// std::regex, whose recursion overflows the stack on a page of megabytes.
std::vector<std::pair<std::string, std::string>> tag_references(const std::string& page) {
  std::vector<std::pair<std::string, std::string>> refs;
  for (auto open = page.find('<'); open != std::string::npos; open = page.find('<', open + 1)) {
    const auto close = page.find('>', open);
    if (close == std::string::npos) break;
    std::string tag = page.substr(open, close - open);
    for (auto& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const std::string name : {"src", "href", "action", "srcset", "xlink:href"}) {
      for (auto at = tag.find(name + "="); at != std::string::npos;
           at = tag.find(name + "=", at + 1)) {
        const char before = at == 0 ? ' ' : tag[at - 1];
        if (before != ' ' && before != '\n' && before != '\t') continue;
        std::string value = tag.substr(at + name.size() + 1);
        if (!value.empty() && (value[0] == '"' || value[0] == '\'')) {
          value = value.substr(1, value.find(value[0], 1) - 1);
        } else {
          value = value.substr(0, value.find_first_of(" \t\n"));
        }
        refs.emplace_back(name, value);
      }
    }
    open = close;
  }
  return refs;
}

class CatalogHtmlReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    results_ = new std::vector<FlowResult>();
    for (const auto& spec : builtin_scenarios())
      results_->push_back(run_mission_flow(to_flow(spec)));
    // Alice allows, but the scenario claims step 8 is refused: it fails at step 8.
    const auto wrong = parse_scenario_text(
        R"({"name": "made_to_fail", "expect": {"steps": {"8": {"refused": "invalid_grant"}}}})",
        "t.json");
    results_->push_back(run_mission_flow(to_flow(wrong.at(0))));
    page_ = new std::string(html_report(*results_, "oauthsim run"));
  }
  static void TearDownTestSuite() {
    delete results_;
    delete page_;
  }

  // The <details> of one scenario; empty (and a failure) when the page has none.
  static std::string section(const std::string& name) {
    const std::string start = "data-scenario=\"" + name + "\"";
    const auto at = page_->find(start);
    if (at == std::string::npos) {
      ADD_FAILURE() << "no section for " << name;
      return "";
    }
    const auto open = page_->rfind("<details", at);
    const auto close = page_->find("</details>", at);
    return page_->substr(open, close - open);
  }

  static std::vector<FlowResult>* results_;
  static std::string* page_;
};

std::vector<FlowResult>* CatalogHtmlReport::results_ = nullptr;
std::string* CatalogHtmlReport::page_ = nullptr;

TEST_F(CatalogHtmlReport, EveryScenarioHasOneSectionWithTenSteps) {
  ASSERT_GT(results_->size(), 60u);
  EXPECT_EQ(html_count(*page_, "<details class=\"scenario"), results_->size());
  for (const auto& r : *results_) {
    EXPECT_EQ(html_count(*page_, "data-scenario=\"" + r.name + "\""), 1u) << r.name;
    const std::string s = section(r.name);
    EXPECT_EQ(html_count(s, "<tr class=\"step "), 10u) << r.name;
    for (int step = 1; step <= 10; ++step) {
      EXPECT_EQ(html_count(s, "data-step=\"" + std::to_string(step) + "\" data-verdict="), 1u)
          << r.name << " step " << step;
    }
    EXPECT_EQ(html_count(s, "<svg class=\"sequence\""), 1u) << r.name;
  }
}

TEST_F(CatalogHtmlReport, OneArrowPerTracedExchangeAndOneLinePerMarker) {
  for (const auto& r : *results_) {
    std::size_t exchanges = 0, markers = 0;
    for (const auto& item : replay_items(r.trace)) {
      (is_harness_marker(*item.entry) ? markers : exchanges) += 1;
    }
    const std::string s = section(r.name);
    EXPECT_GT(exchanges, 0u) << r.name;
    EXPECT_EQ(html_count(s, "<g class=\"arrow"), exchanges) << r.name;
    EXPECT_EQ(html_count(s, "<g class=\"marker "), markers) << r.name;
    for (const auto& item : replay_items(r.trace)) {
      if (is_harness_marker(*item.entry)) continue;
      EXPECT_EQ(html_count(s, "data-seq=\"" + std::to_string(item.entry->seq) + "\" data-step="),
                1u)
          << r.name << " #" << item.entry->seq;
    }
  }
}

TEST_F(CatalogHtmlReport, InjectedFaultsAndClockJumpsAreMarked) {
  EXPECT_GT(html_count(section("expired_token"), "<g class=\"marker clock\""), 0u);
  EXPECT_GT(html_count(section("token_endpoint_5xx_once"), "<g class=\"arrow fault\""), 0u);
}

TEST_F(CatalogHtmlReport, PassingScenariosFoldAndTheFailingOneOpensWithItsEvidence) {
  for (const auto& r : *results_) {
    const std::string s = section(r.name);
    const std::string tag = s.substr(0, s.find('>'));
    EXPECT_EQ(tag.find(" open") != std::string::npos, !r.passed) << r.name;
  }
  const std::string failing = section("made_to_fail");
  EXPECT_NE(failing.find("<tr class=\"step fail\" data-step=\"8\""), std::string::npos);
  EXPECT_NE(failing.find("<aside class=\"failures\">"), std::string::npos);
  EXPECT_NE(failing.find("StepOutcomeMatchesScenario"), std::string::npos);
  EXPECT_NE(failing.find("refused with invalid_grant"), std::string::npos);
  // The code redemption (steps 7-8) is the failing arrow, named beside it.
  const auto arrow = failing.find("<g class=\"arrow failing\" data-seq=");
  ASSERT_NE(arrow, std::string::npos);
  EXPECT_NE(failing.substr(arrow, failing.find('>', arrow) - arrow).find("data-step=\"7-8\""),
            std::string::npos);
  EXPECT_NE(failing.find("<text class=\"why\""), std::string::npos);
  EXPECT_EQ(section("allow").find("failing"), std::string::npos);
}

TEST_F(CatalogHtmlReport, SummaryCountsThePassedAndTheFailed) {
  std::size_t passed = 0;
  for (const auto& r : *results_) passed += r.passed ? 1 : 0;
  EXPECT_EQ(passed, results_->size() - 1) << "only made_to_fail should fail";
  EXPECT_NE(page_->find("data-count=\"passed\">" + std::to_string(passed) + "<"),
            std::string::npos);
  EXPECT_NE(page_->find("data-count=\"failed\">1<"), std::string::npos);
}

TEST_F(CatalogHtmlReport, ReferencesNothingOutsideThePage) {
  for (const char* element : {"<script", "<link", "<img", "<iframe", "<object", "<embed"}) {
    EXPECT_EQ(page_->find(element), std::string::npos) << element;
  }
  // Inside a tag: text (a Location header in a tooltip) may name URLs, escaped and inert.
  EXPECT_EQ(page_->find("@import"), std::string::npos);
  EXPECT_EQ(page_->find("url("), std::string::npos);
  // Every reference in a tag stays in the page. (Text may name URLs, e.g. a Location header in
  // a tooltip: escaped, it is inert.)
  for (const auto& [tag, value] : tag_references(*page_)) {
    EXPECT_EQ(value.rfind('#', 0), 0u) << tag << " " << value;
  }
  EXPECT_GE(tag_references(*page_).size(), results_->size()) << "the overview links each scenario";
}

TEST_F(CatalogHtmlReport, HoldsNoSecretOfTheDemoConfiguration) {
  const common::Config config = common::default_config();
  for (const auto& user : config.users) {
    EXPECT_EQ(page_->find(user.password), std::string::npos) << user.username;
  }
  for (const auto& client : config.clients) {
    if (client.client_secret.empty()) continue;
    EXPECT_EQ(page_->find(client.client_secret), std::string::npos) << client.client_id;
  }
  EXPECT_NE(page_->find("[redacted"), std::string::npos);
}

}  // namespace
}  // namespace oauthsim::scenario
