// GET /_oauthsim/clock, POST /_oauthsim/clock/advance, GET and DELETE /_oauthsim/trace.
#include <nlohmann/json.hpp>

#include "json_body.h"
#include "oauthsim/control/clock_json.h"
#include "routes.h"

namespace oauthsim::control {
namespace {
// Ten years: far beyond any token lifetime, far below overflowing the clock.
constexpr std::int64_t kMaxAdvanceSeconds = 10LL * 365 * 24 * 3600;
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
  server.Get("/_oauthsim/trace", guarded([&trace = t.trace](const auto&, auto& res) {
               common::send_json(res, 200, {{"entries", trace.to_json()}});
             }));
  server.Delete("/_oauthsim/trace", guarded([&trace = t.trace](const auto&, auto& res) {
                  const std::size_t cleared = trace.size();
                  trace.clear();
                  common::send_json(res, 200, {{"cleared", cleared}});
                }));
}

}  // namespace oauthsim::control
