#include "oauthsim/authz/pages.h"

#include "oauthsim/authz/metadata.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/product_page_css.h"

namespace oauthsim::authz {
namespace {

using common::html_escape;

// Every page says, before anything else, that this is not SmartRecruiters: nobody should type a
// real password into a mock.
std::string document(const std::string& title, const std::string& main_html) {
  static constexpr std::string_view kBodyStart =
      "<body class=\"sr\">\n"
      "<div class=\"mock-banner\" role=\"note\"><strong>MOCK</strong>This is oauthsim's "
      "simulation of SmartRecruiters, for testing OAuth clients. Never enter a real "
      "SmartRecruiters password here.</div>\n"
      "<header class=\"brand\"><span class=\"logo\" aria-hidden=\"true\">SR</span>"
      "<span class=\"brand-name\">SmartRecruiters</span><span class=\"tag\">mock</span>"
      "</header>\n<main class=\"card\">\n";
  static constexpr std::string_view kBodyEnd =
      "</main>\n<footer>oauthsim &middot; a mock of the SmartRecruiters authorization server"
      "</footer>\n</body>\n</html>\n";
  return common::product_page({html_escape(title), " - SmartRecruiters (mock)"},
                              {kBodyStart, main_html, kBodyEnd});
}

std::string hidden(const char* name, const std::string& value) {
  return std::string("  <input type=\"hidden\" name=\"") + name + "\" value=\"" +
         html_escape(value) + "\">\n";
}

}  // namespace

std::string render_login_page(const LoginPage& p) {
  std::string body = "<h1>Sign in to SmartRecruiters</h1>\n";
  body += "<p class=\"lead\"><span class=\"client-name\">" + html_escape(p.client_name) +
          "</span> wants to connect to your account.</p>\n";
  if (!p.error.empty())
    body += "<p class=\"error\" role=\"alert\">" + html_escape(p.error) + "</p>\n";
  body += std::string("<form id=\"login\" method=\"post\" action=\"") + paths::kLogin + "\">\n";
  body += hidden("csrf_token", p.csrf_token);
  body += hidden("request_id", p.request_id);
  body +=
      "  <div class=\"field\"><label for=\"username\">E-mail</label>"
      "<input name=\"username\" id=\"username\" type=\"email\" value=\"" +
      html_escape(p.username) + "\" autocomplete=\"username\" required" +
      (p.username.empty() ? " autofocus" : "") + "></div>\n";
  body += std::string(
              "  <div class=\"field\"><label for=\"password\">Password</label>"
              "<input type=\"password\" name=\"password\" id=\"password\" "
              "autocomplete=\"current-password\" required") +
          (p.username.empty() ? "" : " autofocus") + "></div>\n";
  body +=
      "  <div class=\"actions\"><button type=\"submit\" class=\"primary\">Sign in</button></div>\n"
      "</form>\n<p class=\"hint\">Sign in with a user of oauthsim's configuration (the demo: "
      "alice@example.com).</p>\n";
  return document("Sign in", body);
}

std::string render_consent_page(const ConsentPage& p) {
  std::string body = "<h1>Allow " + html_escape(p.client_name) + " access?</h1>\n";
  body += "<p class=\"lead\">Signed in as <strong>" + html_escape(p.username) +
          "</strong>. <span class=\"client-name\">" + html_escape(p.client_name) +
          "</span> asks to:</p>\n<ul id=\"scopes\" class=\"scopes\">\n";
  for (const auto& s : p.scopes) {
    body += "  <li data-scope=\"" + html_escape(s.name) + "\"><span class=\"desc\">" +
            html_escape(s.description) + "</span><code>" + html_escape(s.name) + "</code></li>\n";
  }
  body +=
      "</ul>\n<p class=\"hint\">You can remove this access later. Deny sends you back to "
      "the app without connecting it.</p>\n";
  body += std::string("<form id=\"consent\" method=\"post\" action=\"") + paths::kConsent + "\">\n";
  body += hidden("csrf_token", p.csrf_token);
  body += hidden("request_id", p.request_id);
  body += "  <div class=\"actions\">\n";
  body += "  <button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n";
  body += "  <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n";
  body += "  </div>\n</form>\n";
  return document("Authorize " + p.client_name, body);
}

std::string render_error_page(const std::string& title, const std::string& message) {
  return document(title, "<h1>" + html_escape(title) + "</h1>\n<p id=\"error\" class=\"error\">" +
                             html_escape(message) + "</p>\n");
}

}  // namespace oauthsim::authz
