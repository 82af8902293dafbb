// junit_report: the JUnit XML that GitLab, GitHub test-report actions and Jenkins read.
#include "oauthsim/scenario/reports/junit_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "unit/scenario/flow_result_builder.h"
#include "unit/scenario/xml_document.h"

namespace oauthsim::scenario {
namespace {

using test::break_harness;
using test::fail_check;
using test::passing_flow;
using test::XmlElement;
using test::XmlReader;

XmlElement parse(const std::vector<FlowResult>& results) {
  const std::string xml = junit_report(results);
  try {
    return XmlReader::parse(xml);
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what() << "\n" << xml;
    throw;
  }
}

const XmlElement& only_testcase(const XmlElement& doc) {
  return doc.only("testsuite").only("testcase");
}

double seconds_of(const XmlElement& e) {
  const std::string& t = e.attr("time");
  std::size_t used = 0;
  const double value = std::stod(t, &used);
  EXPECT_EQ(used, t.size()) << "time=\"" << t << "\" is not a plain number";
  EXPECT_TRUE(std::isfinite(value) && value >= 0) << t;
  return value;
}

TEST(JunitReport, StartsWithAnXmlDeclaration) {
  EXPECT_EQ(junit_report({passing_flow("allow")})
                .rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0),
            0u);
}

TEST(JunitReport, OneSuiteWithOneTestcasePerFlowNamedAfterIt) {
  const XmlElement doc = parse({passing_flow("allow"), passing_flow("deny")});
  EXPECT_EQ(doc.name, "testsuites");
  EXPECT_EQ(doc.attr("name"), "oauthsim");
  const XmlElement& suite = doc.only("testsuite");
  EXPECT_EQ(suite.attr("name"), "oauthsim.mission_flows");
  const auto cases = suite.all("testcase");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0]->attr("name"), "allow");
  EXPECT_EQ(cases[0]->attr("classname"), "oauthsim.allow");
  EXPECT_EQ(cases[1]->attr("name"), "deny");
  EXPECT_EQ(cases[1]->attr("classname"), "oauthsim.deny");
}

TEST(JunitReport, PassingFlowHasNeitherFailureNorError) {
  const XmlElement tc = only_testcase(parse({passing_flow("allow")}));
  EXPECT_FALSE(tc.has("failure"));
  EXPECT_FALSE(tc.has("error"));
}

TEST(JunitReport, CountsTestsFailuresAndErrorsOnSuitesAndSuite) {
  FlowResult failing = passing_flow("invalid_code");
  fail_check(failing, 8, "TokenErrorIsInvalidGrant", "RFC6749-5.2", "expected invalid_grant");
  FlowResult broken = passing_flow("deny");
  break_harness(broken, "the client did not start");
  const XmlElement doc = parse({passing_flow("allow"), failing, broken});
  for (const XmlElement* e : {&doc, &doc.only("testsuite")}) {
    EXPECT_EQ(e->attr("tests"), "3") << e->name;
    EXPECT_EQ(e->attr("failures"), "1") << e->name;
    EXPECT_EQ(e->attr("errors"), "1") << e->name;
  }
}

TEST(JunitReport, FailureMessageNamesStepAndFirstFailingCheckWithEvidence) {
  FlowResult r = passing_flow("invalid_code");
  fail_check(r, 3, "LoginFormIsPosted", "SR-login", "expected POST; actual GET", 7);
  fail_check(r, 8, "TokenErrorIsInvalidGrant", "RFC6749-5.2", "expected invalid_grant");
  const XmlElement failure = only_testcase(parse({r})).only("failure");
  EXPECT_EQ(failure.attr("message"), "step 3 LoginFormIsPosted: expected POST; actual GET");
  EXPECT_EQ(failure.attr("type"), "conformance");
}

TEST(JunitReport, FailureTextListsEveryFailingCheckWithStepTitleAndRef) {
  FlowResult r = passing_flow("invalid_code");
  fail_check(r, 3, "LoginFormIsPosted", "SR-login", "expected POST; actual GET");
  fail_check(r, 8, "TokenErrorIsInvalidGrant", "RFC6749-5.2", "expected invalid_grant");
  const std::string text = only_testcase(parse({r})).only("failure").text;
  EXPECT_NE(text.find("step 3 " + std::string(step_title(3)) +
                      ": LoginFormIsPosted [SR-login] expected POST; actual GET"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("step 8 " + std::string(step_title(8)) +
                      ": TokenErrorIsInvalidGrant [RFC6749-5.2] expected invalid_grant"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("StepOutcomeMatchesScenario"), std::string::npos)
      << "passing checks are not failures: " << text;
}

TEST(JunitReport, HarnessErrorIsAnErrorElementInsteadOfAFailure) {
  FlowResult r = passing_flow("allow");
  break_harness(r, "could not set up the parties: port in use");
  fail_check(r, 1, "ConnectIsRequested", "SR-connect", "no request");
  const XmlElement tc = only_testcase(parse({r}));
  EXPECT_FALSE(tc.has("failure"));
  const XmlElement& error = tc.only("error");
  EXPECT_EQ(error.attr("message"), "harness error: could not set up the parties: port in use");
  EXPECT_EQ(error.attr("type"), "harness");
  EXPECT_NE(error.text.find("ConnectIsRequested [SR-connect] no request"), std::string::npos);
}

TEST(JunitReport, FailedFlowWithoutAFailingCheckStillHasAFailure) {
  FlowResult r = passing_flow("allow");
  r.steps.clear();
  r.passed = false;
  const XmlElement failure = only_testcase(parse({r})).only("failure");
  EXPECT_EQ(failure.attr("message"), "no step was judged");
}

TEST(JunitReport, SystemOutHasOneVerdictLinePerStep) {
  FlowResult r = passing_flow("deny");
  fail_check(r, 6, "ErrorRedirectCarriesState", "RFC6749-4.1.2.1", "state missing");
  const std::string out = only_testcase(parse({r})).only("system-out").text;
  EXPECT_NE(out.find("step 1 " + std::string(step_title(1)) + ": pass - completed"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("step 6 " + std::string(step_title(6)) + ": fail"), std::string::npos);
  EXPECT_NE(out.find("step 10 " + std::string(step_title(10)) + ": not_reached"),
            std::string::npos);
  std::size_t lines = 0;
  for (const char c : out) lines += c == '\n' ? 1 : 0;
  EXPECT_EQ(lines, 10u);
}

TEST(JunitReport, MarkupInEvidenceAndNamesIsEscapedAndRoundTrips) {
  const std::string evidence = "expected <a href=\"/cb?x=1&y='2'\"> & got \"nothing\" > 0";
  FlowResult r = passing_flow("a<b>&\"c'");
  fail_check(r, 2, "Check<&>", "RFC\"6749\"", evidence);
  const std::string xml = junit_report({r});
  EXPECT_EQ(xml.find("<a href"), std::string::npos) << "raw markup leaked:\n" << xml;
  const XmlElement tc = only_testcase(parse({r}));
  EXPECT_EQ(tc.attr("name"), "a<b>&\"c'");
  EXPECT_EQ(tc.attr("classname"), "oauthsim.a<b>&\"c'");
  const XmlElement& failure = tc.only("failure");
  EXPECT_EQ(failure.attr("message"), "step 2 Check<&>: " + evidence);
  EXPECT_NE(failure.text.find("Check<&> [RFC\"6749\"] " + evidence), std::string::npos);
}

TEST(JunitReport, ControlCharactersAreReplacedSoTheDocumentStaysWellFormed) {
  FlowResult r = passing_flow("allow");
  fail_check(r, 4, "ConsentPageIsHtml", "SR-consent",
             std::string("body starts with \x01\x1b[31m and a NUL ") + '\0' + " here");
  const std::string xml = junit_report({r});
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find('\x1b'), std::string::npos);
  EXPECT_EQ(xml.find('\0'), std::string::npos);
  const std::string message = only_testcase(parse({r})).only("failure").attr("message");
  EXPECT_EQ(message,
            "step 4 ConsentPageIsHtml: body starts with \xEF\xBF\xBD\xEF\xBF\xBD[31m and a NUL "
            "\xEF\xBF\xBD here");
}

TEST(JunitReport, NewlinesInAttributesSurviveAsCharacterReferences) {
  FlowResult r = passing_flow("allow");
  fail_check(r, 5, "DecisionIsPosted", "SR-consent", "line one\nline two\ttabbed");
  const std::string xml = junit_report({r});
  EXPECT_NE(xml.find("line one&#10;line two&#9;tabbed"), std::string::npos) << xml;
  EXPECT_EQ(only_testcase(parse({r})).only("failure").attr("message"),
            "step 5 DecisionIsPosted: line one\nline two\ttabbed");
}

TEST(JunitReport, TimeAttributesAreSecondsAsPlainNumbers) {
  const XmlElement doc = parse({passing_flow("allow", 1500), passing_flow("deny", 250.25)});
  const auto cases = doc.only("testsuite").all("testcase");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0]->attr("time"), "1.500");
  EXPECT_DOUBLE_EQ(seconds_of(*cases[0]), 1.5);
  EXPECT_NEAR(seconds_of(*cases[1]), 0.250, 0.0011);
  EXPECT_NEAR(seconds_of(doc), 1.750, 0.0011);
  EXPECT_NEAR(seconds_of(doc.only("testsuite")), 1.750, 0.0011);
}

TEST(JunitReport, NonsenseWallTimeBecomesZeroSeconds) {
  const XmlElement doc = parse({passing_flow("allow", -5), passing_flow("deny", std::nan(""))});
  for (const XmlElement* tc : doc.only("testsuite").all("testcase")) {
    EXPECT_EQ(tc->attr("time"), "0.000");
  }
}

TEST(JunitReport, EmptyRunIsStillAWellFormedReport) {
  const XmlElement doc = parse({});
  EXPECT_EQ(doc.attr("tests"), "0");
  EXPECT_TRUE(doc.only("testsuite").all("testcase").empty());
}

// The reader the tests above rely on must itself refuse what is not well-formed.
TEST(XmlReaderForTests, RefusesDocumentsThatAreNotWellFormed) {
  for (const char* bad :
       {"<a><b></a></b>", "<a>x & y</a>", "<a x=1/>", "<a x=\"1\" x=\"2\"/>", "<a>&bogus;</a>",
        "<a x=\"<\"/>", "<a>\x01</a>", "<a>&#1;</a>", "<a/><b/>", "<a>"}) {
    EXPECT_THROW(XmlReader::parse(bad), std::runtime_error) << bad;
  }
  EXPECT_EQ(XmlReader::parse("<a x='&lt;&#38;&#x41;'>t&amp;u<b/></a>").attr("x"), "<&A");
}

}  // namespace
}  // namespace oauthsim::scenario
