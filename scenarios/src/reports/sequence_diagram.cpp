#include "oauthsim/scenario/reports/sequence_diagram.h"

#include <algorithm>
#include <array>

#include "oauthsim/scenario/judging/exchange_step.h"
#include "oauthsim/scenario/judging/flow_view.h"
#include "oauthsim/scenario/reports/replay_report.h"
#include "oauthsim/scenario/reports/xml_text.h"

namespace oauthsim::scenario {
namespace {

namespace party = common::party;
using common::TraceEntry;

constexpr std::array<const char*, 4> kParties = {
    party::kUserAgent, party::kClient, party::kAuthorizationServer, party::kResourceServer};

// Pixels. A lane is wide enough for "POST /identity/oauth/consent · 302" between neighbours.
constexpr int kGutter = 96;  // the step labels
constexpr int kLaneWidth = 230;
constexpr int kHeaderHeight = 58;
constexpr int kRowHeight = 30;
constexpr int kFooter = 16;
constexpr int kAnnotationWidth = 300;  // failing checks named beside their arrows
constexpr double kCharWidth = 6.4;     // average advance of the 11 px label font

std::size_t lane_of(std::vector<std::string>& lanes, const std::string& name) {
  const auto it = std::find(lanes.begin(), lanes.end(), name);
  if (it != lanes.end()) return static_cast<std::size_t>(it - lanes.begin());
  lanes.push_back(name);
  return lanes.size() - 1;
}

// The steps an exchange label covers: "7-8" is one exchange carrying steps 7 and 8.
std::vector<int> steps_of_group(const std::string& group) {
  if (group == exchange_labels::kCodeRedemption) return {7, 8};
  if (group == exchange_labels::kApiCall) return {9, 10};
  if (group.size() == 1 && group[0] >= '1' && group[0] <= '6') return {group[0] - '0'};
  return {};
}

std::string marker_kind(const TraceEntry& e) {
  if (e.note.rfind("fault", 0) == 0) return "fault";
  if (harness_action_word(e) == "advance_clock") return "clock";
  return "action";
}

std::string exchange_label(const TraceEntry& e) {
  std::string label = e.method + " " + e.path + " \u00b7 ";
  label += e.status == 0 ? std::string("no response") : std::to_string(e.status);
  return label;
}

void add_params(std::string& out, const char* kind, const common::Params& params) {
  for (const auto& [k, v] : params.items()) out += std::string("\n  ") + kind + " " + k + ": " + v;
}

// Everything the trace holds of the exchange, already redacted, for the arrow's tooltip.
std::string exchange_detail(const TraceEntry& e) {
  std::string d = "#" + std::to_string(e.seq) + " " + e.from + " \u2192 " + e.to + "\n" + e.method +
                  " " + e.path;
  add_params(d, "query", e.query);
  add_params(d, "form", e.form);
  add_params(d, "header", e.request_headers);
  if (!e.client_certificate.empty()) d += "\n  tls client certificate " + e.client_certificate;
  d += e.status == 0 ? std::string("\n\u2190 no response") : "\n\u2190 " + std::to_string(e.status);
  add_params(d, "header", e.response_headers);
  add_params(d, "body", e.response_fields);
  if (!e.note.empty()) d += "\nnote: " + e.note;
  return d;
}

bool fault_injected(const TraceEntry& e) {
  return e.note.find("fault injected: ") != std::string::npos;
}

std::string group_title(const std::string& group) {
  if (group.empty()) return "";
  if (group.find('-') != std::string::npos && group.front() >= '1' && group.front() <= '9')
    return "steps " + group;
  if (group.front() >= '1' && group.front() <= '9') return "step " + group;
  return group;
}

// Cuts text to what fits in `pixels`, marking the cut; the full text goes in a <title>.
std::string fit(const std::string& text, double pixels) {
  const auto max_chars = static_cast<std::size_t>(std::max(8.0, pixels / kCharWidth));
  if (text.size() <= max_chars) return text;
  std::size_t cut = max_chars - 1;
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\u2026";
}

int lane_x(std::size_t lane) {
  return kGutter + kLaneWidth / 2 + static_cast<int>(lane) * kLaneWidth;
}

std::string num(int v) {
  return std::to_string(v);
}

void draw_header(std::string& svg, const SequenceDiagram& d, int height) {
  for (std::size_t i = 0; i < d.lanes.size(); ++i) {
    const int x = lane_x(i);
    svg += "<g class=\"lane\" data-party=\"" + xml_attribute(d.lanes[i]) + "\">";
    svg += "<rect class=\"party\" x=\"" + num(x - 92) +
           "\" y=\"8\" width=\"184\" height=\"34\" rx=\"8\"/>";
    svg += "<text class=\"party-name\" x=\"" + num(x) + "\" y=\"30\">" +
           xml_text(lane_title(d.lanes[i])) + "</text>";
    svg += "<line class=\"lifeline\" x1=\"" + num(x) + "\" y1=\"42\" x2=\"" + num(x) + "\" y2=\"" +
           num(height - 6) + "\"/></g>\n";
  }
}

void draw_bands(std::string& svg, const SequenceDiagram& d, int width) {
  std::size_t band = 0;
  for (std::size_t i = 0; i < d.rows.size();) {
    const DiagramRow& first = d.rows[i];
    std::size_t end = i + 1;
    while (end < d.rows.size() && d.rows[end].kind == DiagramRow::Kind::kExchange &&
           first.kind == DiagramRow::Kind::kExchange && d.rows[end].group == first.group) {
      ++end;
    }
    if (first.kind == DiagramRow::Kind::kExchange) {
      const int y = kHeaderHeight + static_cast<int>(i) * kRowHeight;
      const int h = static_cast<int>(end - i) * kRowHeight;
      svg += "<g class=\"band" + std::string(band++ % 2 ? " odd" : "") + "\" data-step=\"" +
             xml_attribute(first.group) + "\"><rect x=\"0\" y=\"" + num(y) + "\" width=\"" +
             num(width) + "\" height=\"" + num(h) + "\"/><text class=\"band-label\" x=\"10\" y=\"" +
             num(y + 19) + "\">" + xml_text(group_title(first.group)) + "</text></g>\n";
    }
    i = end;
  }
}

void draw_arrow(std::string& svg, const DiagramRow& r, int y, int annotation_x) {
  std::string cls = "arrow";
  if (r.failing) cls += " failing";
  if (r.mark == "fault") cls += " fault";
  svg += "<g class=\"" + cls + "\" data-seq=\"" + std::to_string(r.seq) + "\" data-step=\"" +
         xml_attribute(r.group) + "\"><title>" + xml_text(r.detail) +
         (r.mark == "fault" ? "\n(an injected fault)" : "") + "</title>";
  const int x1 = lane_x(r.from);
  const int x2 = lane_x(r.to);
  const int line_y = y + 21;
  if (x1 == x2) {
    // A party talking to itself (two origins the user agent could not tell apart): a loop.
    svg += "<polyline points=\"" + num(x1) + "," + num(line_y - 8) + " " + num(x1 + 28) + "," +
           num(line_y - 8) + " " + num(x1 + 28) + "," + num(line_y) + " " + num(x1 + 6) + "," +
           num(line_y) + "\"/>";
    svg += "<polygon points=\"" + num(x1) + "," + num(line_y) + " " + num(x1 + 8) + "," +
           num(line_y - 4) + " " + num(x1 + 8) + "," + num(line_y + 4) + "\"/>";
    svg += "<text class=\"label\" x=\"" + num(x1 + 34) + "\" y=\"" + num(line_y - 2) +
           "\" text-anchor=\"start\">" + xml_text(fit(r.label, kLaneWidth - 40)) + "</text>";
  } else {
    const int dir = x2 > x1 ? 1 : -1;
    const int tip = x2 - dir * 2;
    svg += "<line x1=\"" + num(x1) + "\" y1=\"" + num(line_y) + "\" x2=\"" + num(tip - dir * 8) +
           "\" y2=\"" + num(line_y) + "\"/>";
    svg += "<polygon points=\"" + num(tip) + "," + num(line_y) + " " + num(tip - dir * 10) + "," +
           num(line_y - 5) + " " + num(tip - dir * 10) + "," + num(line_y + 5) + "\"/>";
    svg += "<text class=\"label\" x=\"" + num((x1 + x2) / 2) + "\" y=\"" + num(line_y - 5) + "\">" +
           xml_text((r.mark == "fault" ? "\u26a1 " : "") + fit(r.label, std::abs(x2 - x1) - 16)) +
           "</text>";
  }
  if (!r.failing_checks.empty()) {
    svg += "<text class=\"why\" x=\"" + num(annotation_x) + "\" y=\"" + num(line_y + 4) +
           "\">\u2717 " + xml_text(fit(r.failing_checks, kAnnotationWidth - 16)) + "</text>";
  }
  svg += "</g>\n";
}

void draw_marker(std::string& svg, const DiagramRow& r, int y, const SequenceDiagram& d) {
  const int x1 = lane_x(0) - 40;
  const int x2 = lane_x(d.lanes.size() - 1) + 40;
  const int line_y = y + 15;
  const std::string icon = r.mark == "fault"   ? "\u26a1 "
                           : r.mark == "clock" ? "\u23f1 "
                                               : "\u25b8 ";
  svg += "<g class=\"marker " + r.mark + "\" data-seq=\"" + std::to_string(r.seq) + "\"><title>" +
         xml_text(r.label) + "</title><line x1=\"" + num(x1) + "\" y1=\"" + num(line_y) +
         "\" x2=\"" + num(x2) + "\" y2=\"" + num(line_y) + "\"/>";
  svg += "<text x=\"" + num(x1 + 4) + "\" y=\"" + num(line_y - 4) + "\">" +
         xml_text(icon + fit(r.label, x2 - x1 - 20)) + "</text></g>\n";
}

}  // namespace

std::string lane_title(const std::string& party) {
  if (party == party::kUserAgent) return "User (browser)";
  if (party == party::kClient) return "Client (vendor app)";
  if (party == party::kAuthorizationServer) return "SR authorization server";
  if (party == party::kResourceServer) return "SR Customer API";
  return party;
}

SequenceDiagram build_sequence_diagram(const std::vector<TraceEntry>& trace,
                                       const DiagramFailures& failures) {
  SequenceDiagram d;
  d.lanes.assign(kParties.begin(), kParties.end());
  for (const ReplayItem& item : replay_items(trace)) {
    const TraceEntry& e = *item.entry;
    DiagramRow row;
    row.seq = e.seq;
    if (is_harness_marker(e)) {
      row.kind = DiagramRow::Kind::kMarker;
      row.label = e.note;
      row.mark = marker_kind(e);
      d.rows.push_back(std::move(row));
      continue;
    }
    row.group = exchange_step(e);
    row.from = lane_of(d.lanes, e.from);
    row.to = lane_of(d.lanes, e.to);
    row.label = exchange_label(e);
    row.detail = exchange_detail(e);
    if (fault_injected(e)) row.mark = "fault";
    for (const auto& [seq, name] : failures.check_names) {
      if (seq != e.seq && (item.sender_seq == 0 || seq != item.sender_seq)) continue;
      row.failing = true;
      if (row.failing_checks.find(name) == std::string::npos) {
        row.failing_checks += (row.failing_checks.empty() ? "" : ", ") + name;
      }
    }
    for (int step : steps_of_group(row.group)) {
      if (failures.steps.count(step)) row.failing = true;
    }
    if (failures.seqs.count(e.seq) || (item.sender_seq && failures.seqs.count(item.sender_seq)))
      row.failing = true;
    d.rows.push_back(std::move(row));
  }
  return d;
}

std::string render_sequence_svg(const SequenceDiagram& d) {
  const bool annotated = std::any_of(d.rows.begin(), d.rows.end(),
                                     [](const DiagramRow& r) { return !r.failing_checks.empty(); });
  const int lanes_right = kGutter + static_cast<int>(d.lanes.size()) * kLaneWidth;
  const int width = lanes_right + (annotated ? kAnnotationWidth : 8);
  const int height = kHeaderHeight + static_cast<int>(d.rows.size()) * kRowHeight + kFooter;
  std::string svg = "<svg class=\"sequence\" role=\"img\" viewBox=\"0 0 " + num(width) + " " +
                    num(height) + "\" width=\"" + num(width) + "\" height=\"" + num(height) +
                    "\"><desc>Sequence diagram: one arrow per exchange, in trace order</desc>\n";
  draw_bands(svg, d, width);
  draw_header(svg, d, height);
  for (std::size_t i = 0; i < d.rows.size(); ++i) {
    const int y = kHeaderHeight + static_cast<int>(i) * kRowHeight;
    if (d.rows[i].kind == DiagramRow::Kind::kMarker) {
      draw_marker(svg, d.rows[i], y, d);
    } else {
      draw_arrow(svg, d.rows[i], y, lanes_right + 8);
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace oauthsim::scenario
