#include "oauthsim/common/http_transport.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "oauthsim/common/ascii.h"
#include "oauthsim/common/trace_recording.h"
#include "oauthsim/common/url.h"

namespace oauthsim::common {
namespace {

std::optional<std::string> find_header(const Params& headers, std::string_view name) {
  for (const auto& [k, v] : headers.items()) {
    if (iequals(k, name)) return v;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  return find_header(headers, name);
}

TracingTransport::TracingTransport(HttpTransport& inner, Trace& trace, const Clock& clock,
                                   std::string observer,
                                   std::function<std::string(const std::string&)> party_for_origin)
    : inner_(inner),
      trace_(trace),
      clock_(clock),
      observer_(std::move(observer)),
      party_for_origin_(std::move(party_for_origin)) {}

HttpResponse TracingTransport::send(const HttpRequest& request) {
  TraceEntry e;
  e.seq = trace_.reserve_seq();
  e.time_ms = clock_.now_ms();
  e.observer = observer_;
  e.from = observer_;
  // The request's body type travels beside its headers; it is what the body is read as.
  Params request_headers;
  for (const auto& [k, v] : request.headers.items()) {
    if (!iequals(k, "Content-Type")) request_headers.add(k, v);
  }
  if (!request.content_type.empty()) request_headers.add("Content-Type", request.content_type);
  std::string path;
  Params query;
  if (auto url = parse_url(request.url)) {
    e.to = party_for_origin_ ? party_for_origin_(url->origin()) : party::kUnknown;
    path = url->path;
    query = url->query_params();
  } else {
    e.to = party::kUnknown;
    path = redact_url(request.url);
  }
  record_request(e, request.method, std::move(path), query,
                 WireMessage{std::move(request_headers), request.body, false});
  try {
    HttpResponse res = inner_.send(request);
    record_response(e, res.status, WireMessage{res.headers, res.body, false});
    trace_.record(std::move(e));
    return res;
  } catch (const TransportError& err) {
    e.status = 0;
    e.note = err.what();
    trace_.record(std::move(e));
    throw;
  }
}

}  // namespace oauthsim::common
