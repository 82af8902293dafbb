#include "oauthsim/scenario/runner/scenario_file.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "oauthsim/client/client_flaw.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/refusal_reason.h"
#include "oauthsim/common/strict_json.h"
#include "oauthsim/scenario/judging/check_registry.h"

namespace oauthsim::scenario {
namespace {

using nlohmann::json;

std::string type_of(const json& v) {
  return v.type_name();
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

using Reader = common::StrictObjectReader<ScenarioError>;

// "client_flaws": names of client_flaw.h; an unknown one names itself and the known ones.
void read_client_flaws(Reader& r, ScenarioSpec& spec) {
  std::vector<std::string> names;
  r.strings("client_flaws", names);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto flaw = client::parse_client_flaw(names[i]);
    if (!flaw) {
      std::vector<std::string> known;
      for (auto f : client::all_client_flaws()) known.emplace_back(client::flaw_name(f));
      r.fail(r.at("client_flaws") + "/" + std::to_string(i),
             "unknown client flaw \"" + names[i] + "\"; expected one of " + joined(known));
    }
    spec.world.client_flaws.insert(*flaw);
  }
}

std::map<std::string, AppCertificate> app_certificate_words() {
  return {{"registered", AppCertificate::kRegistered},
          {"other", AppCertificate::kOther},
          {"expired", AppCertificate::kExpired},
          {"foreign", AppCertificate::kForeign},
          {"none", AppCertificate::kNone}};
}

void read_world_tls(const json& j, const std::string& ptr, const std::string& source,
                    ScenarioSpec& spec) {
  Reader r(j, ptr, source);
  WorldTls tls;
  r.choice<std::string>("client_authentication", tls.client_authentication,
                        {{"tls_client_auth", "tls_client_auth"},
                         {"self_signed_tls_client_auth", "self_signed_tls_client_auth"}});
  r.choice<AppCertificate>("certificate", tls.certificate, app_certificate_words());
  r.boolean("bound_access_tokens", tls.bound_access_tokens);
  r.choice<common::TlsVersions>(
      "versions", tls.versions,
      {{"1.2", common::TlsVersions::kTls12Only}, {"1.2+1.3", common::TlsVersions::kTls12And13}});
  r.reject_unknown();
  spec.world.tls = tls;
}

void read_world(const json& j, const std::string& ptr, const std::string& source,
                ScenarioSpec& spec) {
  Reader r(j, ptr, source);
  if (const json* config = r.find("config")) {
    try {
      spec.world.config = common::parse_config(*config, source);
    } catch (const common::ConfigError& e) {
      // parse_config names the key from the configuration's root; put it under ours.
      std::string what = e.what();
      const std::string prefix = source + ": ";
      if (what.rfind(prefix, 0) == 0) what = what.substr(prefix.size());
      if (!what.empty() && what.front() != '/') what = "/: " + what;
      if (what.rfind("/: ", 0) == 0) what = what.substr(1);
      throw ScenarioError(prefix + r.at("config") + what);
    }
  }
  r.string("client_id", spec.world.client_id);
  if (!spec.world.client_id.empty() && !spec.world.config.find_client(spec.world.client_id)) {
    r.fail(r.at("client_id"),
           "no client '" + spec.world.client_id + "' is registered in the world's configuration");
  }
  r.strings("scopes", spec.world.scopes);
  r.boolean("pkce", spec.world.use_pkce);
  if (r.find("auth_method")) {
    client::ClientAuthMethod method{};
    r.choice<client::ClientAuthMethod>(
        "auth_method", method,
        {{"client_secret_post", client::ClientAuthMethod::kClientSecretPost},
         {"client_secret_basic", client::ClientAuthMethod::kClientSecretBasic}});
    spec.world.auth_method = method;
  }
  if (const json* tls = r.find("tls")) read_world_tls(*tls, r.at("tls"), source, spec);
  r.boolean("refresh_ahead", spec.world.refresh_ahead);
  std::string token_host;
  r.choice<std::string>("token_endpoint_host", token_host,
                        {{"authorization_server", "authorization_server"}, {"api", "api"}});
  spec.world.token_endpoint_on_api_host = token_host == "api";
  read_client_flaws(r, spec);
  std::int64_t seed = -1;
  r.integer("seed", seed, 0, 1'000'000'000);
  if (seed >= 0) spec.seed = static_cast<std::uint64_t>(seed);
  r.reject_unknown();
}

void read_user(const json& j, const std::string& ptr, const std::string& source,
               ScenarioSpec& spec) {
  Reader r(j, ptr, source);
  r.string("username", spec.user.username);
  r.string("password", spec.user.password);
  if (r.find("wrong_password_first")) {
    std::string wrong;
    r.string("wrong_password_first", wrong);
    spec.user.wrong_password_first = wrong;
  }
  r.choice<Decision>("decision", spec.user.decision,
                     {{"allow", Decision::kAllow}, {"deny", Decision::kDeny}});
  r.reject_unknown();
}

std::optional<ApiCallExpectation> read_call_expectation(Reader& parent) {
  const json* v = parent.find("expect");
  if (!v) return std::nullopt;
  Reader r(*v, parent.at("expect"), parent.source());
  ApiCallExpectation x;
  std::int64_t status = 0;
  if (!r.find("status")) r.fail(r.at("status"), "required integer is missing");
  r.integer("status", status, 100, 599);
  x.status = static_cast<int>(status);
  r.string("error", x.error);
  r.reject_unknown();
  return x;
}

std::optional<ApiFailureDuringCall> read_api_fails(Reader& parent) {
  const json* v = parent.find("api_fails");
  if (!v) return std::nullopt;
  Reader r(*v, parent.at("api_fails"), parent.source());
  ApiFailureDuringCall f;
  std::int64_t status = 0;
  if (!r.find("status")) r.fail(r.at("status"), "required integer is missing");
  r.integer("status", status, 429, 599);
  if (status != 429 && status < 500) {
    r.fail(r.at("status"), "expected 429 or a 5xx status, got " + std::to_string(status));
  }
  f.status = static_cast<int>(status);
  std::int64_t retry_after = -1;
  r.integer("retry_after", retry_after, 0, 86400);
  f.retry_after = static_cast<int>(retry_after);
  r.reject_unknown();
  return f;
}

void require_api_path(Reader& r, const std::string& path) {
  if (path.empty() || path.front() != '/' || path.rfind("//", 0) == 0) {
    r.fail(r.at("path"), "expected an API path starting with a single '/', got \"" + path + "\"");
  }
}

ScenarioAction read_action(const json& j, const std::string& ptr, const std::string& source) {
  using Kind = ScenarioAction::Kind;
  Reader r(j, ptr, source);
  ScenarioAction a;
  r.choice<Kind>("do", a.kind,
                 {{"connect", Kind::kConnect},
                  {"advance_clock", Kind::kAdvanceClock},
                  {"call_api", Kind::kCallApi},
                  {"refresh", Kind::kRefresh},
                  {"revoke", Kind::kRevoke},
                  {"client_credentials", Kind::kClientCredentials},
                  {"delete_user", Kind::kDeleteUser},
                  {"replay_code", Kind::kReplayCode},
                  {"call_api_with_token_in_query", Kind::kCallApiWithTokenInQuery},
                  {"call_api_with_other_certificate", Kind::kCallApiWithOtherCertificate},
                  {"reuse_previous_refresh_token", Kind::kReusePreviousRefreshToken},
                  {"customer_api_access", Kind::kCustomerApiAccess}},
                 true);
  switch (a.kind) {
    case Kind::kConnect:
      r.boolean("script_completes", a.script_completes);
      break;
    case Kind::kAdvanceClock:
      if (r.find("past")) {
        if (r.find("seconds")) r.fail(r.at("seconds"), "give either \"seconds\" or \"past\"");
        r.choice<std::string>("past", a.past,
                              {{"access_token", "access_token"},
                               {"refresh_token", "refresh_token"},
                               {"authorization_code", "authorization_code"}});
        break;
      }
      if (!r.find("seconds")) r.fail(r.at("seconds"), "required integer is missing");
      r.integer("seconds", a.seconds, 1, 100LL * 366 * 24 * 3600);
      break;
    case Kind::kCallApi:
      r.string("path", a.path, true);
      require_api_path(r, a.path);
      r.choice<std::string>("method", a.method, {{"GET", "GET"}, {"POST", "POST"}});
      if (const json* body = r.find("body")) {
        if (a.method != "POST")
          r.fail(r.at("body"), "a body is sent only with \"method\": \"POST\"");
        if (!body->is_object()) {
          r.fail(r.at("body"), "expected a JSON object, got " + type_of(*body));
        }
        a.body = body->dump();
      }
      a.expect = read_call_expectation(r);
      a.api_fails = read_api_fails(r);
      break;
    case Kind::kCallApiWithTokenInQuery:
      r.string("path", a.path, true);
      require_api_path(r, a.path);
      a.expect = read_call_expectation(r);
      break;
    case Kind::kCallApiWithOtherCertificate:
      r.string("path", a.path, true);
      require_api_path(r, a.path);
      r.choice<AppCertificate>("certificate", a.certificate, app_certificate_words());
      a.expect = read_call_expectation(r);
      break;
    case Kind::kClientCredentials:
      r.strings("scopes", a.scopes);
      r.string("path", a.path);
      if (r.find("path")) require_api_path(r, a.path);
      a.expect = read_call_expectation(r);
      if (a.expect && a.path.empty()) {
        r.fail(r.at("expect"), "an expected answer needs a \"path\" to call");
      }
      break;
    case Kind::kRevoke:
      r.choice<std::string>("token", a.token,
                            {{"access_token", "access_token"}, {"refresh_token", "refresh_token"}});
      break;
    case Kind::kDeleteUser:
      r.string("username", a.username);
      break;
    case Kind::kCustomerApiAccess:
      r.string("company", a.company, true);
      if (!r.find("enabled")) r.fail(r.at("enabled"), "required boolean is missing");
      r.boolean("enabled", a.enabled);
      break;
    case Kind::kRefresh:
    case Kind::kReplayCode:
    case Kind::kReusePreviousRefreshToken:
      break;
  }
  r.reject_unknown();
  return a;
}

ScenarioFault read_fault(const json& j, const std::string& ptr, const std::string& source) {
  using Kind = ScenarioFault::Kind;
  using Point = ScenarioFault::Point;
  Reader r(j, ptr, source);
  ScenarioFault f;
  r.choice<Point>("at", f.at,
                  {{"authorization_request", Point::kAuthorizationRequest},
                   {"redirect_back", Point::kRedirectBack},
                   {"token_request", Point::kTokenRequest},
                   {"token_endpoint", Point::kTokenEndpoint},
                   {"api_request", Point::kApiRequest},
                   {"api", Point::kApi}},
                  true);
  // The kinds each point knows: a fault that cannot happen there is an error, not a no-op.
  std::map<std::string, Kind> kinds;
  switch (f.at) {
    case Point::kAuthorizationRequest:
      kinds = {{"replace_client_id", Kind::kReplaceClientId},
               {"replace_redirect_uri", Kind::kReplaceRedirectUri}};
      break;
    case Point::kRedirectBack:
      kinds = {{"replace_code", Kind::kReplaceCode},
               {"replace_state", Kind::kReplaceState},
               {"drop_state", Kind::kDropState}};
      break;
    case Point::kTokenRequest:
      kinds = {{"replace_redirect_uri", Kind::kReplaceRedirectUri},
               {"wrong_client_secret", Kind::kWrongClientSecret},
               {"drop_client_authentication", Kind::kDropClientAuthentication},
               {"double_client_authentication", Kind::kDoubleClientAuthentication},
               {"use_client", Kind::kUseClient},
               {"replace_code_verifier", Kind::kReplaceCodeVerifier},
               {"advance_clock", Kind::kAdvanceClock}};
      break;
    case Point::kApiRequest:
      kinds = {{"tamper_access_token", Kind::kTamperAccessToken}};
      break;
    case Point::kTokenEndpoint:
    case Point::kApi:
      kinds = {{"answer", Kind::kAnswer}, {"delay", Kind::kDelay}};
      for (const char* q :
           {"empty_json_200", "non_json_body", "wrong_content_type", "tls_handshake_refused"}) {
        kinds.emplace(q, Kind::kQuirk);
      }
      break;
  }
  r.choice<Kind>("kind", f.kind, kinds, true);
  switch (f.kind) {
    case Kind::kDropState:
    case Kind::kDropClientAuthentication:
    case Kind::kDoubleClientAuthentication:
    case Kind::kTamperAccessToken:
      break;
    case Kind::kAdvanceClock:
      if (!r.find("seconds")) r.fail(r.at("seconds"), "required integer is missing");
      r.integer("seconds", f.seconds, 1, 100LL * 366 * 24 * 3600);
      break;
    case Kind::kAnswer: {
      std::int64_t status = 0, retry_after = -1;
      if (!r.find("status")) r.fail(r.at("status"), "required integer is missing");
      r.integer("status", status, 100, 599);
      r.integer("retry_after", retry_after, 0, 86400);
      f.status = static_cast<int>(status);
      f.retry_after = static_cast<int>(retry_after);
      break;
    }
    case Kind::kQuirk:
      f.quirk = *common::fault_quirk_from_name(j.at("kind").get<std::string>());
      break;
    case Kind::kDelay: {
      std::int64_t ms = 0;
      if (!r.find("delay_ms")) r.fail(r.at("delay_ms"), "required integer is missing");
      // Real time: kept short so a catalog run stays fast; the client's timeout is far longer.
      r.integer("delay_ms", ms, 1, 5000);
      f.delay_ms = static_cast<int>(ms);
      break;
    }
    default:
      r.string("value", f.value, true);
  }
  if (f.kind == Kind::kAnswer || f.kind == Kind::kDelay || f.kind == Kind::kQuirk ||
      f.kind == Kind::kTamperAccessToken) {
    std::int64_t times = 1;
    r.integer("times", times, 1, 1000);
    f.times = static_cast<int>(times);
  }
  if (f.at == Point::kApi) {
    r.string("path", f.path, true);
    require_api_path(r, f.path);
    r.choice<std::string>("method", f.method, {{"GET", "GET"}, {"POST", "POST"}});
  }
  r.reject_unknown();
  return f;
}

// The token endpoint's typed refusal reasons, for an error message listing them.
std::string refusal_reason_names() {
  std::string out;
  for (auto r : common::all_refusal_reasons()) {
    out += (out.empty() ? "" : ", ") + std::string(common::refusal_reason_name(r));
  }
  return out;
}

StepExpectation read_step(const json& v, const std::string& ptr, const std::string& source,
                          int step) {
  const char* expected =
      "expected \"pass\", \"not_reached\", {\"refused\": \"<error>\"} or {\"refused\": \"\"}";
  if (v.is_string()) {
    const auto word = v.get<std::string>();
    if (word == "pass") return StepExpectation::passes();
    if (word == "not_reached") return StepExpectation::not_reached();
    throw ScenarioError(source + ": " + ptr + ": " + expected + ", got \"" + word + "\"");
  }
  if (!v.is_object()) {
    throw ScenarioError(source + ": " + ptr + ": " + expected + ", got " + type_of(v));
  }
  Reader r(v, ptr, source);
  std::string error;
  r.string("refused", error, true);
  std::string reason;
  r.string("reason", reason);
  if (r.find("reason")) {
    // Only the token endpoint records a typed reason for its refusals.
    if (step != 8) r.fail(r.at("reason"), "a refusal reason is judged only at step 8");
    if (!common::parse_refusal_reason(reason)) {
      r.fail(r.at("reason"), "unknown refusal reason \"" + reason + "\"; expected one of " +
                                 refusal_reason_names());
    }
  }
  r.reject_unknown();
  return StepExpectation::refused(error, reason);
}

void read_expect(const json& j, const std::string& ptr, const std::string& source,
                 ScenarioSpec& spec) {
  Reader r(j, ptr, source);
  if (const json* steps = r.find("steps")) {
    if (!steps->is_object()) {
      r.fail(r.at("steps"), "expected an object of step number -> outcome, got " + type_of(*steps));
    }
    for (auto it = steps->begin(); it != steps->end(); ++it) {
      const std::string where = r.at("steps") + "/" + it.key();
      int step = 0;
      const std::string& key = it.key();
      const bool digits = !key.empty() && key.size() <= 2 &&
                          key.find_first_not_of("0123456789") == std::string::npos;
      if (digits) step = std::stoi(key);
      if (!digits || step < 1 || step > kStepCount || key.front() == '0') {
        r.fail(where, "expected a step number from 1 to " + std::to_string(kStepCount) +
                          ", got \"" + key + "\"");
      }
      spec.expected[static_cast<std::size_t>(step - 1)] = read_step(*it, where, source, step);
    }
  }
  r.strings("checks", spec.checks);
  for (std::size_t i = 0; i < spec.checks.size(); ++i) {
    if (!make_extra_check(spec.checks[i])) {
      r.fail(r.at("checks") + "/" + std::to_string(i), "unknown check \"" + spec.checks[i] +
                                                           "\"; expected one of " +
                                                           joined(extra_check_names()));
    }
  }
  r.strings("failing_checks", spec.failing_checks);
  for (std::size_t i = 0; i < spec.failing_checks.size(); ++i) {
    if (!is_standard_check(spec.failing_checks[i])) {
      r.fail(r.at("failing_checks") + "/" + std::to_string(i),
             "unknown check \"" + spec.failing_checks[i] + "\"; expected one of " +
                 joined(standard_check_names()));
    }
  }
  r.reject_unknown();
}

template <typename T, typename ReadOne>
std::vector<T> read_list(const json* v, const std::string& ptr, const std::string& source,
                         ReadOne read_one) {
  std::vector<T> out;
  if (!v) return out;
  if (!v->is_array()) {
    throw ScenarioError(source + ": " + ptr + ": expected an array, got " + type_of(*v));
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    out.push_back(read_one((*v)[i], ptr + "/" + std::to_string(i), source));
  }
  return out;
}

ScenarioSpec read_scenario(const json& j, const std::string& ptr, const std::string& source) {
  Reader r(j, ptr, source);
  ScenarioSpec spec;
  spec.source = source;
  spec.expected.fill(StepExpectation::passes());
  r.string("name", spec.name, true);
  if (spec.name.empty()) r.fail(r.at("name"), "expected a non-empty name");
  r.string("description", spec.description);
  r.strings("tags", spec.tags);
  if (const json* w = r.find("world")) read_world(*w, r.at("world"), source, spec);
  if (const json* u = r.find("user")) read_user(*u, r.at("user"), source, spec);
  spec.actions = read_list<ScenarioAction>(r.find("actions"), r.at("actions"), source, read_action);
  if (spec.actions.empty() && !r.find("actions")) spec.actions = {ScenarioAction{}};
  spec.faults = read_list<ScenarioFault>(r.find("faults"), r.at("faults"), source, read_fault);
  for (std::size_t i = 0; i < spec.faults.size(); ++i) {
    const auto& f = spec.faults[i];
    if (f.kind == ScenarioFault::Kind::kUseClient && !spec.world.config.find_client(f.value)) {
      r.fail(r.at("faults") + "/" + std::to_string(i) + "/value",
             "no client '" + f.value + "' is registered in the world's configuration");
    }
  }
  if (const json* x = r.find("expect")) read_expect(*x, r.at("expect"), source, spec);
  r.reject_unknown();
  return spec;
}

}  // namespace

std::vector<ScenarioSpec> parse_scenarios(const json& j, const std::string& source) {
  std::vector<ScenarioSpec> out;
  if (j.is_array()) {
    std::set<std::string> names;
    for (std::size_t i = 0; i < j.size(); ++i) {
      const std::string ptr = "/" + std::to_string(i);
      out.push_back(read_scenario(j[i], ptr, source));
      if (!names.insert(out.back().name).second) {
        throw ScenarioError(source + ": " + ptr + "/name: duplicate scenario name '" +
                            out.back().name + "'");
      }
    }
    if (out.empty()) throw ScenarioError(source + ": /: expected at least one scenario");
    return out;
  }
  if (!j.is_object()) {
    throw ScenarioError(source + ": /: expected a scenario object or an array of them, got " +
                        type_of(j));
  }
  out.push_back(read_scenario(j, "", source));
  return out;
}

std::vector<ScenarioSpec> parse_scenario_text(const std::string& text, const std::string& source) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw ScenarioError(source + ": /: not valid JSON (" + e.what() + ")");
  }
  return parse_scenarios(j, source);
}

std::vector<ScenarioSpec> load_scenario_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw ScenarioError(path + ": is a directory, expected a scenario file");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) {
    // An empty file also lands here: rdbuf copies nothing and sets failbit.
    if (in) throw ScenarioError(path + ": /: the file is empty");
    throw ScenarioError(path + ": cannot read the file");
  }
  return parse_scenario_text(text.str(), path);
}

}  // namespace oauthsim::scenario
