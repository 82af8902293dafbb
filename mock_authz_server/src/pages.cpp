#include "oauthsim/authz/pages.h"

#include "oauthsim/authz/metadata.h"
#include "oauthsim/common/http_server.h"

namespace oauthsim::authz {
namespace {

using common::html_escape;

std::string document(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" +
         html_escape(title) + " - SmartRecruiters</title></head>\n<body>\n" + body +
         "</body>\n</html>\n";
}

std::string hidden(const char* name, const std::string& value) {
  return std::string("  <input type=\"hidden\" name=\"") + name + "\" value=\"" +
         html_escape(value) + "\">\n";
}

}  // namespace

std::string render_login_page(const LoginPage& p) {
  std::string body = "<h1>Sign in to SmartRecruiters</h1>\n";
  body += "<p>" + html_escape(p.client_name) + " wants to connect to your account.</p>\n";
  if (!p.error.empty())
    body += "<p class=\"error\" role=\"alert\">" + html_escape(p.error) + "</p>\n";
  body += std::string("<form id=\"login\" method=\"post\" action=\"") + paths::kLogin + "\">\n";
  body += hidden("csrf_token", p.csrf_token);
  body += hidden("request_id", p.request_id);
  body += "  <label>E-mail <input name=\"username\" type=\"email\" value=\"" +
          html_escape(p.username) + "\" autocomplete=\"username\"></label>\n";
  body +=
      "  <label>Password <input type=\"password\" name=\"password\" "
      "autocomplete=\"current-password\"></label>\n";
  body += "  <button type=\"submit\">Sign in</button>\n</form>\n";
  return document("Sign in", body);
}

std::string render_consent_page(const ConsentPage& p) {
  std::string body = "<h1>Allow " + html_escape(p.client_name) + " access?</h1>\n";
  body += "<p>Signed in as " + html_escape(p.username) + ". <span class=\"client-name\">" +
          html_escape(p.client_name) + "</span> asks for:</p>\n<ul id=\"scopes\">\n";
  for (const auto& s : p.scopes) {
    body += "  <li data-scope=\"" + html_escape(s.name) + "\"><code>" + html_escape(s.name) +
            "</code>: " + html_escape(s.description) + "</li>\n";
  }
  body += "</ul>\n";
  body += std::string("<form id=\"consent\" method=\"post\" action=\"") + paths::kConsent + "\">\n";
  body += hidden("csrf_token", p.csrf_token);
  body += hidden("request_id", p.request_id);
  body += "  <button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n";
  body += "  <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n</form>\n";
  return document("Authorize " + p.client_name, body);
}

std::string render_error_page(const std::string& title, const std::string& message) {
  return document(title, "<h1>" + html_escape(title) + "</h1>\n<p id=\"error\">" +
                             html_escape(message) + "</p>\n");
}

}  // namespace oauthsim::authz
