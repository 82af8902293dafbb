#include "oauthsim/scenario/reports/replay_report.h"

#include <algorithm>
#include <cstdint>
#include <iomanip>

#include "oauthsim/scenario/judging/exchange_step.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;

// Wide enough for the longest label, "client credentials", so the seq column lines up.
constexpr int kLabelWidth = 20;

bool is_receivers_view(const TraceEntry& e) {
  return e.observer == e.to;
}

// Sender's and receiver's entries of one exchange: same request. The sender is left out (a
// party may label a peer it cannot identify differently from how the peer labels itself).
bool same_request(const TraceEntry& a, const TraceEntry& b) {
  return a.to == b.to && a.method == b.method && a.path == b.path &&
         a.query.items() == b.query.items();
}

std::uint64_t distance(const TraceEntry& a, const TraceEntry& b) {
  return a.seq > b.seq ? a.seq - b.seq : b.seq - a.seq;
}

std::string plain_query(const common::Params& query) {
  std::string q;
  for (const auto& [k, v] : query.items()) q += (q.empty() ? "?" : "&") + k + "=" + v;
  return q;
}

std::string label_of(const TraceEntry& e) {
  const std::string step = exchange_step(e);
  const bool numbered = !step.empty() && step.front() >= '1' && step.front() <= '9';
  return numbered ? "step " + step : step;
}

struct Row {
  const char* kind;
  const common::Params* params;
};

std::size_t name_width(const std::vector<Row>& rows) {
  std::size_t width = 0;
  for (const auto& r : rows) {
    for (const auto& [k, v] : r.params->items()) width = std::max(width, k.size());
  }
  return width;
}

void print_rows(std::ostream& out, const std::vector<Row>& rows, std::size_t width) {
  for (const auto& r : rows) {
    for (const auto& [k, v] : r.params->items()) {
      out << "      " << std::left << std::setw(8) << r.kind << std::setw(static_cast<int>(width))
          << k << "  " << v << "\n";
    }
  }
}

void print_exchange(std::ostream& out, const ReplayItem& item) {
  const TraceEntry& e = *item.entry;
  out << std::left << std::setw(kLabelWidth) << label_of(e) << "#" << std::setw(5) << e.seq
      << e.from << " -> " << e.to;
  if (!is_receivers_view(e))
    out << "  (as " << e.observer << " saw it: the receiver recorded none)";
  out << "\n    " << e.method << " " << e.path << plain_query(e.query) << "\n";

  const std::vector<Row> request = {{"form", &e.form}, {"header", &e.request_headers}};
  const std::vector<Row> response = {{"header", &e.response_headers}, {"body", &e.response_fields}};
  // One name column for the whole exchange, so request and response line up.
  const std::size_t width = std::max(name_width(request), name_width(response));
  print_rows(out, request, width);
  if (!e.client_certificate.empty()) {
    out << "      tls client certificate x5t#S256 " << e.client_certificate << "\n";
  }
  if (e.status == 0) {
    out << "    <- no response (the connection failed)\n";
  } else {
    out << "    <- " << e.status << "\n";
  }
  print_rows(out, response, width);
  if (item.user_agent_location) {
    out << "    user agent received: Location " << *item.user_agent_location
        << "\n      (changed on the way: a man in the middle of the front channel)\n";
  }
  if (!e.note.empty()) out << "    note: " << e.note << "\n";
}

}  // namespace

std::vector<ReplayItem> replay_items(const std::vector<TraceEntry>& trace) {
  std::vector<const TraceEntry*> ordered;
  for (const auto& e : trace) ordered.push_back(&e);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const TraceEntry* a, const TraceEntry* b) { return a->seq < b->seq; });

  const std::size_t n = ordered.size();
  std::vector<bool> hidden(n, false), claimed(n, false);
  std::vector<std::optional<std::string>> ua_location(n);
  std::vector<std::uint64_t> sender_seq(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const TraceEntry& sent = *ordered[i];
    if (is_harness_marker(sent) || is_receivers_view(sent)) continue;
    // The receiver's entry of this exchange: the closest unclaimed one with the same request
    // (the two parties record it as each finishes, so they sit close together in the trace).
    std::optional<std::size_t> match;
    for (std::size_t j = 0; j < n; ++j) {
      const TraceEntry& got = *ordered[j];
      if (claimed[j] || is_harness_marker(got) || !is_receivers_view(got)) continue;
      if (!same_request(sent, got)) continue;
      if (!match || distance(sent, got) < distance(sent, *ordered[*match])) match = j;
    }
    if (!match) continue;  // the receiver recorded nothing: the sender's view is all there is
    hidden[i] = true;
    claimed[*match] = true;
    sender_seq[*match] = sent.seq;
    if (sent.observer == common::party::kUserAgent) {
      const auto received = sent.response_headers.get("Location");
      if (received != ordered[*match]->response_headers.get("Location")) {
        ua_location[*match] = received.value_or("(none)");
      }
    }
  }

  std::vector<ReplayItem> items;
  for (std::size_t i = 0; i < n; ++i) {
    if (!hidden[i]) items.push_back({ordered[i], ua_location[i], sender_seq[i]});
  }
  return items;
}

void print_replay(std::ostream& out, const ReplayTitle& title,
                  const std::vector<TraceEntry>& trace) {
  out << "Replay of " << title.name;
  if (!title.source.empty()) out << " (" << title.source << ")";
  out << "\n";
  if (!title.description.empty()) out << "  " << title.description << "\n";
  out << "  Each exchange once, as the party that received it recorded it; codes, tokens,\n"
         "  cookies and passwords are redacted (codes and tokens keep a fingerprint).\n";
  for (const auto& item : replay_items(trace)) {
    out << "\n";
    if (is_harness_marker(*item.entry)) {
      out << "-- " << item.entry->note << " --\n";
    } else {
      print_exchange(out, item);
    }
  }
}

}  // namespace oauthsim::scenario
