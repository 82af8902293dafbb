#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "oauthsim/common/trace.h"

namespace oauthsim::scenario {

// One row of a sequence diagram: an exchange (an arrow from one lifeline to another) or a
// harness marker (a line across every lifeline: an injected fault, a clock jump, an action).
struct DiagramRow {
  enum class Kind { kExchange, kMarker };
  Kind kind = Kind::kExchange;
  std::uint64_t seq = 0;  // the trace entry shown
  std::string group;      // exchange_step(): "1".."6", "7-8", "9-10", "refresh"...; "" for markers
  std::size_t from = 0;   // lane indexes into SequenceDiagram::lanes
  std::size_t to = 0;
  std::string label;  // "GET /connect -> 302", or the marker's text
  // What a reader sees on hovering the arrow: who sent it to whom, the redacted query, form,
  // traced headers and answer fields, and the party's note; as the trace holds them.
  std::string detail;
  // For markers: "fault", "clock" or "action". For exchanges: "fault" when an injected fault
  // answered instead of the server, else empty.
  std::string mark;
  bool failing = false;        // a failing check judged this exchange, or its step failed
  std::string failing_checks;  // names of the failing checks that judged this exchange
};

struct SequenceDiagram {
  std::vector<std::string> lanes;  // party names (common::party), left to right
  std::vector<DiagramRow> rows;
};

// What marks an exchange as failing: the seqs failing checks judged, and the steps (1..10) that
// failed, whose exchanges all stand out.
struct DiagramFailures {
  std::set<std::uint64_t> seqs;
  std::set<int> steps;
  std::vector<std::pair<std::uint64_t, std::string>> check_names;  // seq -> failing check
};

// Lays out a trace: each exchange once (as replay_items picks them), in trace order, each with
// the step it belongs to; the four parties always have a lifeline, a party outside them (a
// user agent's "unknown" origin) gets one of its own. Reads only the (redacted) trace.
SequenceDiagram build_sequence_diagram(const std::vector<common::TraceEntry>& trace,
                                       const DiagramFailures& failures = {});

// "User", "Client", "Authorization server", "Customer API": how a lane is titled.
std::string lane_title(const std::string& party);

// The diagram as an inline <svg> element: a lifeline per lane, consecutive rows of one step in
// a labelled band, an arrow per exchange (class "arrow", data-seq, data-step), markers as dashed
// lines (class "marker fault|clock|action"), failing arrows in class "failing" with their
// checks named beside them. Self-contained: no external reference, text escaped.
std::string render_sequence_svg(const SequenceDiagram& diagram);

}  // namespace oauthsim::scenario
