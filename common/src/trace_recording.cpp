#include "oauthsim/common/trace_recording.h"

#include <optional>

#include "oauthsim/common/ascii.h"
#include "oauthsim/common/content_coding.h"

namespace oauthsim::common {
namespace {

std::optional<std::string> header_of(const Params& headers, std::string_view name) {
  for (const auto& [k, v] : headers.items()) {
    if (iequals(k, name)) return v;
  }
  return std::nullopt;
}

Params redact_headers(const Params& selected) {
  Params out;
  for (const auto& [name, value] : selected.items()) out.add(name, redact_header(name, value));
  return out;
}

}  // namespace

Params wire_body_fields(const WireMessage& message) {
  if (message.body.empty()) return {};
  const std::string content_type = header_of(message.headers, "Content-Type").value_or("");
  const std::string coding =
      message.decoded ? std::string() : header_of(message.headers, "Content-Encoding").value_or("");
  if (coding.empty()) return redacted_body_fields(content_type, message.body);
  const DecodedContent decoded = decode_content(coding, message.body);
  if (!decoded.body) return Params{{"_body", "[undecodable body: " + decoded.error + "]"}};
  return redacted_body_fields(content_type, *decoded.body);
}

void record_request(TraceEntry& entry, std::string method, std::string path, const Params& query,
                    const WireMessage& request) {
  entry.method = std::move(method);
  entry.path = std::move(path);
  entry.query = redact_params(query);
  entry.form = wire_body_fields(request);
  entry.request_headers =
      redact_headers(select_traced(request.headers.items(), traced_request_headers()));
}

void record_response(TraceEntry& entry, int status, const WireMessage& response) {
  entry.status = status;
  entry.response_headers =
      redact_headers(select_traced(response.headers.items(), traced_response_headers()));
  entry.response_fields = wire_body_fields(response);
}

void redact_exchange(TraceEntry& entry, const UnredactedExchange& raw) {
  entry.query = redact_params(raw.query);
  entry.form =
      wire_body_fields(WireMessage{raw.request_headers, raw.request_body, raw.request_decoded});
  entry.request_headers = redact_headers(raw.request_headers);
  entry.response_headers = redact_headers(raw.response_headers);
  entry.response_fields = wire_body_fields(WireMessage{raw.response_headers, raw.response_body});
}

}  // namespace oauthsim::common
