#include "oauthsim/rs/api_model.h"

#include <cctype>
#include <cstdio>

namespace oauthsim::rs {
namespace {

// Howard Hinnant's days -> civil date: portable, no time zone or locale involved.
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2 ? 1 : 0));
}

// Hinnant's civil date -> days since 1970-01-01.
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// n decimal digits at s[pos], or -1.
int digits_at(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::string role_name(const std::string& role) {
  // "ADMINISTRATOR" -> "Administrator", "HIRING_MANAGER" -> "Hiring manager"
  std::string s;
  for (std::size_t i = 0; i < role.size(); ++i) {
    char c = role[i] == '_' ? ' ' : role[i];
    s += i == 0 ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

}  // namespace

std::string iso8601_utc(std::int64_t ms) {
  std::int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  int millis = static_cast<int>(ms - secs * 1000);
  std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int sod = static_cast<int>(secs - days * 86400);
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[64];  // room for any int the compiler cannot rule out, so no truncation warning
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d, sod / 3600,
                (sod / 60) % 60, sod % 60, millis);
  return buf;
}

std::optional<std::int64_t> parse_iso8601_utc(std::string_view s) {
  const int y = digits_at(s, 0, 4), mo = digits_at(s, 5, 2), d = digits_at(s, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || s.size() < 10 || s[4] != '-' || s[7] != '-')
    return std::nullopt;
  static constexpr int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDaysIn[mo - 1] || (mo == 2 && d == 29 && !leap)) return std::nullopt;
  std::int64_t ms =
      days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86'400'000;
  if (s.size() == 10) return ms;
  const int h = digits_at(s, 11, 2), mi = digits_at(s, 14, 2), sec = digits_at(s, 17, 2);
  if (s[10] != 'T' || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 ||
      s.size() < 20 || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  ms += (h * 3600 + mi * 60 + sec) * 1000LL;
  std::string_view rest = s.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    const int frac = digits_at(rest, 1, 3);
    if (frac < 0) return std::nullopt;
    ms += frac;
    rest.remove_prefix(4);
  }
  if (rest == "Z" || rest == "+00:00") return ms;
  return std::nullopt;
}

nlohmann::json to_json(const CompanyProfile& c) {
  return {{"id", c.id},
          {"identifier", c.identifier},
          {"name", c.name},
          {"industry", {{"id", c.industry}, {"label", c.industry}}},
          {"size", {{"id", c.size}, {"label", c.size + " employees"}}},
          {"website", c.website},
          {"defaultLanguage", {{"code", c.default_language}}}};
}

nlohmann::json to_json(const Job& j) {
  return {{"id", j.id},
          {"refNumber", j.ref_number},
          {"title", j.title},
          {"name", j.title},
          {"status", j.status},
          {"postingStatus", j.posting_status},
          {"department", {{"label", j.department}}},
          {"location",
           {{"city", j.city},
            {"country", j.country},
            {"countryCode", j.country_code},
            {"remote", false}}},
          {"typeOfEmployment", {{"label", j.employment_type}}},
          {"createdOn", j.created_on},
          {"updatedOn", j.updated_on},
          {"actions", {{"details", {{"url", "/jobs/" + j.id}}}}}};
}

nlohmann::json to_json(const Candidate& c) {
  nlohmann::json out = {{"id", c.id},
                        {"internal", false},
                        {"firstName", c.first_name},
                        {"lastName", c.last_name},
                        {"email", c.email},
                        {"location", {{"city", c.city}, {"countryCode", c.country_code}}},
                        {"createdOn", c.created_on},
                        {"updatedOn", c.updated_on},
                        {"tags", c.tags},
                        {"secondaryAssignments", nlohmann::json::array()},
                        {"actions", {{"details", {{"url", "/candidates/" + c.id}}}}}};
  if (!c.phone_number.empty()) out["phoneNumber"] = c.phone_number;
  if (c.job_id.empty()) {
    out["primaryAssignment"] = nullptr;
  } else {
    out["primaryAssignment"] = {{"job", {{"id", c.job_id}, {"title", c.job_title}}},
                                {"status", c.status}};
  }
  return out;
}

nlohmann::json user_json(const common::UserConfig& u) {
  return {{"id", u.id},
          {"email", u.username},
          {"firstName", u.first_name},
          {"lastName", u.last_name},
          {"active", true},
          {"systemRole", {{"id", u.system_role}, {"name", role_name(u.system_role)}}},
          {"language", {{"code", u.language}}},
          // Configured users do not change while the simulator runs: a fixed instant keeps
          // responses byte-for-byte reproducible.
          {"updatedOn", iso8601_utc(1'735'689'600'000)}};  // 2025-01-01
}

}  // namespace oauthsim::rs
