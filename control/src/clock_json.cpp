#include "oauthsim/control/clock_json.h"

#include <cstdio>
#include <ctime>

namespace oauthsim::control {

std::string rfc3339_utc(std::int64_t ms_since_epoch) {
  // Floor division, so instants before 1970 still get a millisecond part from 0 to 999.
  std::int64_t seconds = ms_since_epoch / 1000;
  std::int64_t millis = ms_since_epoch % 1000;
  if (millis < 0) {
    millis += 1000;
    --seconds;
  }
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return "invalid time";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis));
  return buf;
}

nlohmann::json clock_json(std::int64_t now_ms) {
  return {{"now_ms", now_ms}, {"now", rfc3339_utc(now_ms)}};
}

}  // namespace oauthsim::control
