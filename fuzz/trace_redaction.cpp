// Request and response bodies as the trace records them (HttpServer::record, TracingTransport):
// JSON or form fields redacted, then printed as JSON (`GET /_oauthsim/trace`, `run --json`).
// The first byte picks the content type; the rest is the body. A secret field never shows its
// value, and the entry always prints.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "oauthsim/common/trace.h"

namespace {

bool is_redaction(std::string_view v) {
  return v == "[redacted]" || (v.rfind("[redacted fp:", 0) == 0 && v.back() == ']');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oauthsim::common;
  if (size == 0) return 0;
  static constexpr const char* kTypes[] = {"application/json", "application/x-www-form-urlencoded",
                                           "application/json; charset=utf-8", "text/plain"};
  const char* type = kTypes[data[0] % 4];
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);

  TraceEntry e;
  e.method = "POST";
  e.path = "/identity/oauth/token";
  e.status = 400;
  e.form = redacted_body_fields(type, body);
  e.response_fields = redacted_body_fields(type, body);
  e.request_headers.add("Content-Type", type);
  for (const auto& [name, value] : e.form.items()) {
    if (is_secret_param(name)) FUZZ_CHECK(is_redaction(value), name + " shown as " + value);
  }
  try {
    const std::string printed = e.to_json().dump();
    FUZZ_CHECK(!printed.empty(), "empty trace entry");
    (void)e.summary();
  } catch (const nlohmann::json::type_error& err) {
    // Issue 12 "invalid UTF-8 gives 500" (fuzz/crashes/trace_redaction/invalid_utf8_*).
    oauthsim::fuzz::fail("the trace entry cannot be printed", err.what());
  }
  return 0;
}
