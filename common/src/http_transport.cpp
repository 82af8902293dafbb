#include "oauthsim/common/http_transport.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "oauthsim/common/ascii.h"
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
  e.method = request.method;
  if (auto url = parse_url(request.url)) {
    e.to = party_for_origin_ ? party_for_origin_(url->origin()) : party::kUnknown;
    e.path = url->path;
    e.query = redact_params(url->query_params());
  } else {
    e.to = party::kUnknown;
    e.path = redact_url(request.url);
  }
  e.form = redacted_body_fields(request.content_type, request.body);
  for (std::string_view name : traced_request_headers()) {
    if (iequals(name, "Content-Type")) {
      if (!request.content_type.empty())
        e.request_headers.add("Content-Type", request.content_type);
      continue;
    }
    if (auto v = find_header(request.headers, name)) {
      e.request_headers.add(std::string(name), redact_header(name, *v));
    }
  }
  try {
    HttpResponse res = inner_.send(request);
    e.status = res.status;
    for (std::string_view name : traced_response_headers()) {
      for (const auto& [k, v] : res.headers.items()) {
        if (iequals(k, name)) e.response_headers.add(std::string(name), redact_header(name, v));
      }
    }
    e.response_fields = redacted_body_fields(res.header("Content-Type").value_or(""), res.body);
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
