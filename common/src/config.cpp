#include "oauthsim/common/config.h"

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "oauthsim/common/encoding.h"
#include "oauthsim/common/strict_json.h"
#include "oauthsim/common/url.h"

namespace oauthsim::common {
namespace {

using nlohmann::json;

using ObjectReader = StrictObjectReader<ConfigError>;

bool is_allowed_redirect_uri(const std::string& uri, std::string* why) {
  auto u = parse_url(uri, why);
  if (!u) return false;
  if (!u->fragment.empty()) {
    *why = "must not contain a fragment (RFC 6749 3.1.2)";
    return false;
  }
  if (u->scheme == "https") return true;
  if (u->host == "localhost" || u->host == "127.0.0.1") return true;
  *why = "must be https:// or http://localhost (SR)";
  return false;
}

ClientConfig read_client(const json& j, const std::string& ptr, const std::string& source,
                         const Config& c) {
  ObjectReader r(j, ptr, source);
  ClientConfig out;
  out.grant_types = {"authorization_code", "refresh_token", "client_credentials"};
  r.string("client_id", out.client_id, true);
  r.string("token_endpoint_auth_method", out.token_endpoint_auth_method);
  // A client that authenticates with its certificate has no secret to check (RFC 8705 2).
  r.string("client_secret", out.client_secret, !out.uses_client_certificate());
  r.string("tls_client_auth_subject_dn", out.tls_client_auth_subject_dn);
  r.string("tls_client_certificate_s256", out.tls_client_certificate_s256);
  r.boolean("tls_client_certificate_bound_access_tokens",
            out.tls_client_certificate_bound_access_tokens);
  r.string("name", out.name);
  if (out.name.empty()) out.name = out.client_id;
  r.strings("redirect_uris", out.redirect_uris);
  r.strings("scopes", out.scopes);
  r.strings("default_scopes", out.default_scopes);
  r.strings("grant_types", out.grant_types);
  r.boolean("require_pkce", out.require_pkce);
  r.reject_unknown();

  if (out.client_id.empty()) r.fail(r.at("client_id"), "must not be empty");
  if (!out.uses_client_certificate() && out.client_secret.empty()) {
    r.fail(r.at("client_secret"), "must not be empty for a client authenticating with a secret");
  }
  if (out.redirect_uris.size() > 3) r.fail(r.at("redirect_uris"), "at most 3 redirect URIs (SR)");
  for (std::size_t i = 0; i < out.redirect_uris.size(); ++i) {
    std::string why;
    if (!is_allowed_redirect_uri(out.redirect_uris[i], &why)) {
      r.fail(r.at("redirect_uris") + "/" + std::to_string(i),
             "'" + out.redirect_uris[i] + "' " + why);
    }
  }
  for (std::size_t i = 0; i < out.scopes.size(); ++i) {
    if (!c.find_scope(out.scopes[i])) {
      r.fail(r.at("scopes") + "/" + std::to_string(i), "unknown scope '" + out.scopes[i] + "'");
    }
  }
  for (std::size_t i = 0; i < out.default_scopes.size(); ++i) {
    const auto& s = out.default_scopes[i];
    if (std::find(out.scopes.begin(), out.scopes.end(), s) == out.scopes.end()) {
      r.fail(r.at("default_scopes") + "/" + std::to_string(i),
             "'" + s + "' is not among the client's scopes");
    }
  }
  static const std::set<std::string> kMethods = {"", "client_secret_post", "client_secret_basic",
                                                 "tls_client_auth", "self_signed_tls_client_auth"};
  if (!kMethods.count(out.token_endpoint_auth_method)) {
    r.fail(r.at("token_endpoint_auth_method"),
           "expected client_secret_post, client_secret_basic, tls_client_auth or "
           "self_signed_tls_client_auth, got '" +
               out.token_endpoint_auth_method + "'");
  }
  if (out.token_endpoint_auth_method == "tls_client_auth" &&
      out.tls_client_auth_subject_dn.empty()) {
    r.fail(r.at("tls_client_auth_subject_dn"),
           "required for tls_client_auth: the subject DN of the client's certificate");
  }
  if (out.token_endpoint_auth_method == "self_signed_tls_client_auth" &&
      out.tls_client_certificate_s256.size() != 43) {
    r.fail(r.at("tls_client_certificate_s256"),
           "required for self_signed_tls_client_auth: the certificate's SHA-256 thumbprint, "
           "43 base64url characters (oauthsim certs prints it)");
  }
  static const std::set<std::string> kGrants = {"authorization_code", "refresh_token",
                                                "client_credentials"};
  for (std::size_t i = 0; i < out.grant_types.size(); ++i) {
    if (!kGrants.count(out.grant_types[i])) {
      r.fail(r.at("grant_types") + "/" + std::to_string(i),
             "unknown grant type '" + out.grant_types[i] + "'");
    }
  }
  return out;
}

UserConfig read_user(const json& j, const std::string& ptr, const std::string& source) {
  ObjectReader r(j, ptr, source);
  UserConfig out;
  r.string("id", out.id);
  r.string("username", out.username, true);
  r.string("password", out.password, true);
  r.string("first_name", out.first_name);
  r.string("last_name", out.last_name);
  r.string("company", out.company);
  r.string("system_role", out.system_role);
  r.string("language", out.language);
  r.reject_unknown();
  if (out.username.empty()) r.fail(r.at("username"), "must not be empty");
  if (out.company.empty()) out.company = "Default Company";
  if (out.id.empty()) out.id = "user-" + hex(sha256(out.username)).substr(0, 12);
  return out;
}

template <typename T, typename ReadOne>
std::vector<T> read_array(const json& j, const std::string& key, const std::string& source,
                          ReadOne read_one) {
  if (!j.is_array()) throw ConfigError(source + ": /" + key + ": expected an array");
  std::vector<T> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    out.push_back(read_one(j[i], "/" + key + "/" + std::to_string(i)));
  }
  return out;
}

// Ids must be unique within their array: the error points at the second occurrence.
template <typename T, typename KeyOf>
void reject_duplicates(const ObjectReader& top, const std::vector<T>& items,
                       const std::string& array, const std::string& field, KeyOf key_of) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string key = key_of(items[i]);
    if (!seen.insert(key).second) {
      top.fail("/" + array + "/" + std::to_string(i) + "/" + field,
               "duplicate " + field + " '" + key + "'");
    }
  }
}

}  // namespace

const ClientConfig* Config::find_client(std::string_view id) const {
  for (const auto& c : clients) {
    if (c.client_id == id) return &c;
  }
  return nullptr;
}

const UserConfig* Config::find_user(std::string_view username) const {
  for (const auto& u : users) {
    if (u.username == username) return &u;
  }
  return nullptr;
}

const ScopeInfo* Config::find_scope(std::string_view name) const {
  for (const auto& s : scopes) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Config parse_config(const json& j, const std::string& source) {
  Config c = default_config();
  c.source = source;
  ObjectReader top(j, "", source);

  // Scopes first: clients are checked against the catalog.
  if (const json* s = top.find("scopes")) {
    if (!s->is_object()) top.fail("/scopes", "expected an object of scope name -> description");
    for (auto it = s->begin(); it != s->end(); ++it) {
      if (!it->is_string()) top.fail("/scopes/" + it.key(), "expected a description string");
      auto existing = std::find_if(c.scopes.begin(), c.scopes.end(),
                                   [&](const ScopeInfo& si) { return si.name == it.key(); });
      if (existing != c.scopes.end()) {
        existing->description = it->get<std::string>();
      } else {
        c.scopes.push_back({it.key(), it->get<std::string>()});
      }
    }
  }
  if (const json* clients = top.find("clients")) {
    c.clients = read_array<ClientConfig>(
        *clients, "clients", source,
        [&](const json& e, const std::string& p) { return read_client(e, p, source, c); });
    reject_duplicates(top, c.clients, "clients", "client_id",
                      [](const ClientConfig& cl) { return cl.client_id; });
  }
  if (const json* users = top.find("users")) {
    c.users = read_array<UserConfig>(
        *users, "users", source,
        [&](const json& e, const std::string& p) { return read_user(e, p, source); });
    reject_duplicates(top, c.users, "users", "username",
                      [](const UserConfig& u) { return u.username; });
  }
  if (const json* l = top.find("lifetimes")) {
    ObjectReader r(*l, "/lifetimes", source);
    constexpr std::int64_t kYear = 366LL * 24 * 3600;
    r.integer("access_token", c.lifetimes.access_token, 1, kYear);
    r.integer("refresh_token", c.lifetimes.refresh_token, 1, 10 * kYear);
    r.integer("authorization_code", c.lifetimes.authorization_code, 1, 3600);
    r.reject_unknown();
  }
  if (const json* rl = top.find("rate_limit")) {
    ObjectReader r(*rl, "/rate_limit", source);
    std::int64_t rps = c.rate_limit.requests_per_second, conc = c.rate_limit.concurrent;
    r.integer("requests_per_second", rps, 1, 1'000'000);
    r.integer("concurrent", conc, 1, 10'000);
    r.reject_unknown();
    c.rate_limit.requests_per_second = static_cast<int>(rps);
    c.rate_limit.concurrent = static_cast<int>(conc);
  }
  if (const json* rs = top.find("resource_server")) {
    ObjectReader r(*rs, "/resource_server", source);
    r.string("client_id", c.resource_server.client_id, true);
    r.string("client_secret", c.resource_server.client_secret, true);
    r.reject_unknown();
  }
  if (const json* seed = top.find("data_seed")) {
    // A literal like 42 built in C++ is a signed integer; parsed text gives unsigned.
    const bool negative =
        seed->is_number_integer() && !seed->is_number_unsigned() && seed->get<std::int64_t>() < 0;
    if (!seed->is_number_integer() || negative) {
      top.fail("/data_seed", "expected a non-negative integer");
    }
    c.data_seed = seed->get<std::uint64_t>();
  }
  top.choice<RefreshTokenReuse>("refresh_token_reuse", c.refresh_token_reuse,
                                {{"revoke_grant", RefreshTokenReuse::kRevokeGrant},
                                 {"refuse_token", RefreshTokenReuse::kRefuseToken}});
  top.strings("companies_without_customer_api", c.companies_without_customer_api);
  top.reject_unknown();
  return c;
}

Config load_config_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path + ": cannot open the configuration file");
  std::stringstream buf;
  buf << in.rdbuf();
  json j;
  try {
    j = json::parse(buf.str());
  } catch (const json::parse_error& e) {
    // nlohmann reports the byte offset; name the line so an editor can jump there.
    const std::string text = buf.str();
    const std::size_t upto = std::min<std::size_t>(e.byte, text.size());
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(upto), '\n');
    throw ConfigError(path + ":" + std::to_string(line) + ": invalid JSON: " + e.what());
  }
  return parse_config(j, path);
}

json config_to_json(const Config& c) {
  json clients = json::array();
  for (const auto& cl : c.clients) {
    json e{{"client_id", cl.client_id},
           {"client_secret", cl.client_secret},
           {"name", cl.name},
           {"redirect_uris", cl.redirect_uris},
           {"scopes", cl.scopes},
           {"default_scopes", cl.default_scopes},
           {"grant_types", cl.grant_types},
           {"require_pkce", cl.require_pkce}};
    if (!cl.token_endpoint_auth_method.empty()) {
      e["token_endpoint_auth_method"] = cl.token_endpoint_auth_method;
    }
    if (!cl.tls_client_auth_subject_dn.empty()) {
      e["tls_client_auth_subject_dn"] = cl.tls_client_auth_subject_dn;
    }
    if (!cl.tls_client_certificate_s256.empty()) {
      e["tls_client_certificate_s256"] = cl.tls_client_certificate_s256;
    }
    if (cl.tls_client_certificate_bound_access_tokens) {
      e["tls_client_certificate_bound_access_tokens"] = true;
    }
    clients.push_back(e);
  }
  json users = json::array();
  for (const auto& u : c.users) {
    users.push_back({{"id", u.id},
                     {"username", u.username},
                     {"password", u.password},
                     {"first_name", u.first_name},
                     {"last_name", u.last_name},
                     {"company", u.company},
                     {"system_role", u.system_role},
                     {"language", u.language}});
  }
  json scopes = json::object();
  for (const auto& s : c.scopes) scopes[s.name] = s.description;
  return {
      {"clients", clients},
      {"users", users},
      {"lifetimes",
       {{"access_token", c.lifetimes.access_token},
        {"refresh_token", c.lifetimes.refresh_token},
        {"authorization_code", c.lifetimes.authorization_code}}},
      {"rate_limit",
       {{"requests_per_second", c.rate_limit.requests_per_second},
        {"concurrent", c.rate_limit.concurrent}}},
      {"resource_server",
       {{"client_id", c.resource_server.client_id},
        {"client_secret", c.resource_server.client_secret}}},
      {"scopes", scopes},
      {"data_seed", c.data_seed},
      {"refresh_token_reuse",
       c.refresh_token_reuse == RefreshTokenReuse::kRefuseToken ? "refuse_token" : "revoke_grant"},
      {"companies_without_customer_api", c.companies_without_customer_api}};
}

}  // namespace oauthsim::common
