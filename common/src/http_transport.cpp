#include "oauthsim/common/http_transport.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "oauthsim/common/url.h"

namespace oauthsim::common {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<std::string> find_header(const Params& headers, std::string_view name) {
  for (const auto& [k, v] : headers.items()) {
    if (iequals(k, name)) return v;
  }
  return std::nullopt;
}

bool is_location(std::string_view name) { return iequals(name, "Location"); }

std::string reencode_url_bytes(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  static constexpr std::string_view kUnsafe = " \"<>\\^`{|}";
  std::string out;
  out.reserve(url.size());
  for (unsigned char c : url) {
    if (c < 0x20 || c >= 0x7f || kUnsafe.find(static_cast<char>(c)) != std::string_view::npos) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  return find_header(headers, name);
}

HttpResponse HttplibTransport::send(const HttpRequest& request) {
  std::string error;
  auto url = parse_url(request.url, &error);
  if (!url) throw TransportError("cannot send to '" + request.url + "': " + error);
  if (url->scheme != "http") {
    throw TransportError("cannot send to '" + request.url + "': only http:// is supported here");
  }
  // The target goes on the request line verbatim (see set_url_encode below), so a space or
  // control character would split it or inject a header.
  if (std::any_of(request.url.begin(), request.url.end(),
                  [](unsigned char c) { return c <= 0x20 || c == 0x7f; })) {
    throw TransportError("cannot send to " + url->origin() +
                         ": the URL contains a space or control character");
  }
  httplib::Client client(url->host, url->port);
  client.set_connection_timeout(timeout_seconds_, 0);
  client.set_read_timeout(timeout_seconds_, 0);
  client.set_write_timeout(timeout_seconds_, 0);
  client.set_follow_location(false);
  // httplib would rewrite '+' to %2B, turning a form-encoded space into a plus sign.
  client.set_url_encode(false);
  client.set_tcp_nodelay(true);

  httplib::Request req;
  req.method = request.method;
  req.path = url->path_and_query();
  for (const auto& [k, v] : request.headers.items()) req.headers.emplace(k, v);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    req.body = request.body;
    if (!request.content_type.empty()) req.headers.emplace("Content-Type", request.content_type);
  }
  auto result = client.send(req);
  if (!result) {
    throw TransportError(request.method + " " + url->origin() + url->path + " failed: " +
                         httplib::to_string(result.error()));
  }
  HttpResponse out;
  out.status = result->status;
  for (const auto& [k, v] : result->headers) {
    // cpp-httplib 0.11 percent-decodes every response header value it reads. A decoded
    // Location is no longer a valid URL (a space splits the request line), so the bytes a URL
    // cannot hold are encoded again. What a decoded %26 or %3D meant is lost: a known limit
    // until the transport reads raw headers itself.
    out.headers.add(k, is_location(k) ? reencode_url_bytes(v) : v);
  }
  out.body = std::move(result->body);
  return out;
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
      if (!request.content_type.empty()) e.request_headers.add("Content-Type", request.content_type);
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
