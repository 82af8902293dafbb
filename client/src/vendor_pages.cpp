#include "vendor_pages.h"

#include "oauthsim/common/http_server.h"
#include "oauthsim/common/product_page_css.h"

namespace oauthsim::client::detail {
namespace {

using common::html_escape;

// The demo vendor app's frame: it says what it is, and that the SmartRecruiters it connects to
// is a mock.
std::string page(const std::string& title, const std::string& body_html) {
  static constexpr std::string_view kBodyStart =
      "<body class=\"vendor\">\n"
      "<div class=\"mock-banner\" role=\"note\"><strong>DEMO</strong>oauthsim's reference "
      "vendor app. It connects to a MOCK of SmartRecruiters: use the demo users, never a real "
      "password.</div>\n"
      "<header class=\"brand\"><span class=\"logo\" aria-hidden=\"true\">V</span>"
      "<span class=\"brand-name\">Vendor app</span><span class=\"tag\">demo</span></header>\n"
      "<main class=\"card wide\">\n<h1>";
  static constexpr std::string_view kBodyEnd =
      "\n<p class=\"hint\"><a href=\"/\">Home</a></p>\n</main>\n"
      "<footer>oauthsim &middot; reference OAuth client of the SmartRecruiters flow</footer>\n"
      "</body></html>\n";
  const std::string escaped_title = html_escape(title);
  return common::product_page({escaped_title, " - Vendor app (demo)"},
                              {kBodyStart, escaped_title, "</h1>\n", body_html, kBodyEnd});
}

}  // namespace

std::string home_page() {
  return page(
      "Vendor app",
      "<p class=\"lead\">This app reads your SmartRecruiters data once you connect it.</p>\n"
      "<div class=\"actions\"><a id=\"connect\" class=\"button primary\" "
      "href=\"/connect\">Connect with SmartRecruiters</a></div>");
}

std::string connected_page(const std::string& first_name, const std::string& last_name) {
  return page("Connected", "<p id=\"result\" class=\"result status-ok\">Connected as " +
                               html_escape(first_name) + " " + html_escape(last_name) + "</p>\n" +
                               "<div class=\"actions\"><a class=\"button secondary\" "
                               "href=\"/action?path=/users/me\">Call /users/me</a></div>");
}

std::string denied_page(const std::string& description) {
  std::string text = "Access was denied: the app was not connected to SmartRecruiters.";
  if (!description.empty()) text += " The authorization server said: " + description;
  return page(
      "Access denied",
      "<p id=\"result\" class=\"error\">" + html_escape(text) +
          "</p>\n"
          "<div class=\"actions\"><a class=\"button primary\" href=\"/connect\">Try again</a>"
          "</div>");
}

std::string error_page(const std::string& title, const std::string& message) {
  return page(title, "<p id=\"result\" class=\"error\">" + html_escape(message) + "</p>");
}

std::string message_page(const std::string& title, const std::string& message) {
  return page(title, "<p id=\"result\" class=\"result\">" + html_escape(message) + "</p>");
}

std::string api_result_page(const std::string& method, const std::string& path, int status,
                            const std::string& body) {
  const char* cls = status >= 200 && status < 300 ? "status-ok" : "status-bad";
  return page("Customer API", std::string("<p class=\"result ") + cls + "\">" +
                                  html_escape(method) + " " + html_escape(path) +
                                  " answered <span id=\"status\">" + std::to_string(status) +
                                  "</span></p>\n<pre id=\"body\">" + html_escape(body) + "</pre>");
}

}  // namespace oauthsim::client::detail
