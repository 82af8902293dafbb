// GET /_oauthsim/clock, POST /_oauthsim/clock/advance, GET and DELETE /_oauthsim/trace.
#include <charconv>
#include <limits>

#include <nlohmann/json.hpp>

#include "control_errors.h"
#include "json_body.h"
#include "oauthsim/control/clock_json.h"
#include "routes.h"

namespace oauthsim::control {
namespace {
// Ten years: far beyond any token lifetime, far below overflowing the clock.
constexpr std::int64_t kMaxAdvanceSeconds = 10LL * 365 * 24 * 3600;

// A query parameter of GET /_oauthsim/trace as a decimal in [min, max]; `fallback` when absent.
std::uint64_t trace_param(const httplib::Request& req, const char* name, std::uint64_t min,
                          std::uint64_t max, std::uint64_t fallback, const char* meaning) {
  if (!req.has_param(name)) return fallback;
  if (req.get_param_value_count(name) > 1) {
    throw BadRequest(std::string("query parameter '") + name + "' is repeated");
  }
  const std::string v = req.get_param_value(name);
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc{} || end != v.data() + v.size() || n < min || n > max) {
    throw BadRequest(std::string("query parameter '") + name + "' must be a whole number from " +
                     std::to_string(min) + " to " + std::to_string(max) + " (" + meaning + ")");
  }
  return n;
}

}  // namespace

void add_clock_routes(httplib::Server& server, const ControlTargets& t) {
  server.Get("/_oauthsim/clock", guarded([&clock = t.clock](const auto&, auto& res) {
               common::send_json(res, 200, clock_json(clock.now_ms()));
             }));
  server.Post("/_oauthsim/clock/advance",
              guarded([&clock = t.clock, after = t.after_clock_advance](const httplib::Request& req,
                                                                        httplib::Response& res) {
                const auto body = parse_json_object(req.body);
                BodyReader r(body, "", kBodySource);
                if (!body.contains("seconds")) {
                  r.fail("/seconds", "required integer is missing (how far to move the clock)");
                }
                std::int64_t seconds = 0;
                r.integer("seconds", seconds, 1, kMaxAdvanceSeconds);
                r.reject_unknown();
                clock.advance_seconds(seconds);
                if (after) after();
                common::send_json(res, 200, clock_json(clock.now_ms()));
              }));
}

void add_trace_routes(httplib::Server& server, const ControlTargets& t) {
  // Pages: ?since=SEQ (entries after that seq) &limit=N (at most N of them); "next_since" is
  // the since of the next page. "dropped" counts entries the ring no longer holds.
  server.Get("/_oauthsim/trace",
             guarded([&trace = t.trace](const httplib::Request& req, httplib::Response& res) {
               const std::uint64_t since =
                   trace_param(req, "since", 0, std::numeric_limits<std::int64_t>::max(), 0,
                               "the seq after which entries are wanted");
               const std::uint64_t limit = trace_param(req, "limit", 1, trace.capacity(),
                                                       trace.capacity(), "entries per page");
               const common::TracePage page = trace.page(since, limit);
               nlohmann::json entries = nlohmann::json::array();
               for (const auto& e : page.entries) entries.push_back(e.to_json());
               const std::uint64_t next = page.entries.empty() ? since : page.entries.back().seq;
               common::send_json(res, 200,
                                 {{"entries", std::move(entries)},
                                  {"dropped", page.dropped},
                                  {"capacity", trace.capacity()},
                                  {"more", page.more},
                                  {"next_since", next}});
             }));
  server.Delete("/_oauthsim/trace", guarded([&trace = t.trace](const auto&, auto& res) {
                  const std::size_t cleared = trace.size();
                  trace.clear();
                  common::send_json(res, 200, {{"cleared", cleared}});
                }));
}

}  // namespace oauthsim::control
