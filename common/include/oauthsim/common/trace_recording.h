#pragma once
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "oauthsim/common/ascii.h"
#include "oauthsim/common/encoding.h"
#include "oauthsim/common/trace.h"

namespace oauthsim::common {

// The headers a trace keeps of `headers` (name/value pairs: Params::items(), httplib::Headers):
// named as `names` spells them, in that order, values as sent, a name's values in arrival order.
// One pass over the message's few headers: a servers' hot path runs it for every request.
template <typename Headers>
Params select_traced(const Headers& headers, const std::vector<std::string_view>& names) {
  std::vector<std::pair<std::size_t, const std::string*>> kept;  // index in names, value
  kept.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (iequals(name, names[i])) kept.emplace_back(i, &value);
    }
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Params out;
  out.reserve(kept.size());
  for (const auto& [i, value] : kept) out.add(std::string(names[i]), *value);
  return out;
}

// One HTTP message as a recording point holds it.
struct WireMessage {
  Params headers;         // as sent, names in any case
  std::string_view body;  // de-chunked, still in its Content-Encoding unless `decoded`
  // The recording point's HTTP stack has already undone the Content-Encoding (cpp-httplib's
  // server does so for every request body it reads).
  bool decoded = false;
};

// The raw facts of one exchange that Trace::record(entry, raw) redacts when the entry is first
// read: the same inputs record_request and record_response take, with the headers already cut
// down to the traced ones (names as traced_*_headers() spell them, values as sent).
struct UnredactedExchange {
  Params query;
  Params request_headers;
  std::string request_body;
  bool request_decoded = false;  // as WireMessage::decoded
  Params response_headers;
  std::string response_body;
};

// Fills `entry`'s query, form, request_headers, response_headers and response_fields from
// `raw`, exactly as record_request and record_response would have.
void redact_exchange(TraceEntry& entry, const UnredactedExchange& raw);

// The one way an exchange becomes trace facts, shared by every recording point (the parties'
// HTTP servers and the tracing transport), so each records the same redacted facts: the
// selected headers, and the form or JSON fields of the body with its Content-Encoding undone.
void record_request(TraceEntry& entry, std::string method, std::string path, const Params& query,
                    const WireMessage& request);
void record_response(TraceEntry& entry, int status, const WireMessage& response);

// Redacted top-level fields of a form or JSON body, its Content-Encoding undone. A body that
// cannot be decoded gives one field, "_body", saying why, so the trace shows that something
// was sent that the recorder could not read.
Params wire_body_fields(const WireMessage& message);

}  // namespace oauthsim::common
