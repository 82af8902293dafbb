// The sequence diagram of one trace: each exchange once under its step, markers classed by what
// they are, failing checks found by either party's view of the exchange, and text escaped.
#include "oauthsim/scenario/reports/sequence_diagram.h"

#include <gtest/gtest.h>

#include "unit/scenario/trace_entry_builder.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
namespace party = common::party;

std::vector<TraceEntry> diagram_numbered(std::vector<TraceEntry> trace) {
  for (std::size_t i = 0; i < trace.size(); ++i) trace[i].seq = i + 1;
  return trace;
}

// The user agent's /connect seen by both ends, a clock jump, the authorization request, a
// fault marker and a token endpoint answer replaced by an injected 503.
std::vector<TraceEntry> diagram_trace() {
  TraceEntry connect_client = test::connect();
  connect_client.observer = party::kClient;
  return diagram_numbered(
      {test::connect(), connect_client, test::marker("action 2: advance_clock 1801 s"),
       test::authorization_request(), test::marker("fault: the token endpoint answers 503 once"),
       test::injected_answer(test::code_redemption(), 503)});
}

std::size_t svg_count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SequenceDiagram, OneRowPerExchangeAndMarkerUnderItsStep) {
  const auto d = build_sequence_diagram(diagram_trace());
  ASSERT_EQ(d.rows.size(), 5u);
  EXPECT_EQ(d.lanes,
            (std::vector<std::string>{party::kUserAgent, party::kClient,
                                      party::kAuthorizationServer, party::kResourceServer}));
  EXPECT_EQ(d.rows[0].group, "1");
  EXPECT_EQ(d.rows[0].seq, 2u) << "the receiver's view of /connect";
  EXPECT_EQ(d.rows[0].from, 0u);
  EXPECT_EQ(d.rows[0].to, 1u);
  EXPECT_EQ(d.rows[1].kind, DiagramRow::Kind::kMarker);
  EXPECT_EQ(d.rows[1].mark, "clock");
  EXPECT_EQ(d.rows[2].group, "2");
  EXPECT_EQ(d.rows[3].mark, "fault");
  EXPECT_EQ(d.rows[4].group, "7-8");
  EXPECT_EQ(d.rows[4].mark, "fault") << "an injected answer is marked on its arrow";
  EXPECT_EQ(d.rows[4].label, "POST /identity/oauth/token \u00b7 503");
}

TEST(SequenceDiagram, AFailingCheckMarksItsExchangeByEitherPartysView) {
  DiagramFailures f;
  f.seqs = {1};  // the user agent's view of /connect, which the diagram does not show
  f.check_names = {{1, "ConnectRedirectsToAuthorizationEndpoint"}};
  const auto d = build_sequence_diagram(diagram_trace(), f);
  EXPECT_TRUE(d.rows[0].failing);
  EXPECT_EQ(d.rows[0].failing_checks, "ConnectRedirectsToAuthorizationEndpoint");
  EXPECT_FALSE(d.rows[2].failing);
}

TEST(SequenceDiagram, AFailingStepMarksEveryExchangeOfIt) {
  DiagramFailures f;
  f.steps = {8};
  const auto d = build_sequence_diagram(diagram_trace(), f);
  EXPECT_TRUE(d.rows[4].failing) << "steps 7-8 are one exchange";
  EXPECT_FALSE(d.rows[0].failing);
  EXPECT_FALSE(d.rows[2].failing);
}

TEST(SequenceDiagram, APartyOutsideTheFourGetsItsOwnLane) {
  TraceEntry stray = test::ua_saw("GET", "/elsewhere", party::kUnknown).status(404);
  const auto d = build_sequence_diagram(diagram_numbered({stray}));
  ASSERT_EQ(d.lanes.size(), 5u);
  EXPECT_EQ(d.lanes[4], party::kUnknown);
  EXPECT_EQ(d.rows[0].to, 4u);
}

TEST(SequenceDiagramSvg, DrawsAnArrowPerExchangeAndALinePerMarker) {
  DiagramFailures f;
  f.steps = {8};
  f.check_names = {{6, "TokenErrorIsRfc6749Error"}};
  const std::string svg = render_sequence_svg(build_sequence_diagram(diagram_trace(), f));
  EXPECT_EQ(svg.rfind("<svg class=\"sequence\"", 0), 0u);
  EXPECT_EQ(svg_count(svg, "<g class=\"arrow"), 3u);
  EXPECT_EQ(svg_count(svg, "<g class=\"marker clock\""), 1u);
  EXPECT_EQ(svg_count(svg, "<g class=\"marker fault\""), 1u);
  EXPECT_EQ(svg_count(svg, "<g class=\"arrow failing fault\" data-seq=\"6\" data-step=\"7-8\""),
            1u);
  EXPECT_NE(svg.find("TokenErrorIsRfc6749Error"), std::string::npos);
  EXPECT_EQ(svg_count(svg, "<g class=\"lane\""), 4u);
  EXPECT_NE(svg.find("SR authorization server"), std::string::npos);
}

TEST(SequenceDiagramSvg, EscapesWhatAPartySent) {
  const std::string svg = render_sequence_svg(build_sequence_diagram(
      diagram_numbered({test::ua_saw("GET", "/<script>x</script>", party::kClient).status(200),
                        test::marker("action 1: say \"<b>&\"")})));
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace oauthsim::scenario
