#include "oauthsim/scenario/browser/html_form.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "oauthsim/common/ascii.h"

namespace oauthsim::scenario {
namespace {

using common::ascii_lower;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool iequals_at(std::string_view s, std::size_t pos, std::string_view word) {
  if (pos + word.size() > s.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (ascii_lower(s[pos + i]) != word[i]) return false;
  }
  return true;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the numeric reference body after "&#" ("39", "x27"); nullopt when malformed.
std::optional<std::uint32_t> numeric_reference(std::string_view body) {
  int base = 10;
  if (!body.empty() && (body[0] == 'x' || body[0] == 'X')) {
    base = 16;
    body.remove_prefix(1);
  }
  if (body.empty() || body.size() > 8) return std::nullopt;
  std::uint32_t value = 0;
  for (char c : body) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (base == 16 && ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f') {
      digit = ascii_lower(c) - 'a' + 10;
    } else {
      return std::nullopt;
    }
    value = value * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(digit);
  }
  return value;
}

struct Attribute {
  std::string name;   // lower case
  std::string value;  // entity-decoded
  bool has_value = false;
};

struct Tag {
  std::string name;  // lower case, without '/'
  bool closing = false;
  std::vector<Attribute> attributes;

  const Attribute* find(std::string_view attr) const {
    for (const auto& a : attributes) {
      if (a.name == attr) return &a;
    }
    return nullptr;
  }
  std::string get(std::string_view attr, std::string fallback = {}) const {
    const Attribute* a = find(attr);
    return a ? a->value : fallback;
  }
  bool has(std::string_view attr) const { return find(attr) != nullptr; }
};

// Cursor over the document. Every step advances `pos`, so parsing is linear and always ends.
class Scanner {
 public:
  explicit Scanner(std::string_view html) : html_(html) {}

  bool done() const { return pos_ >= html_.size(); }

  // Text up to the next '<' (or the end), raw.
  std::string_view text() {
    std::size_t end = html_.find('<', pos_);
    if (end == std::string_view::npos) end = html_.size();
    std::string_view out = html_.substr(pos_, end - pos_);
    pos_ = end;
    return out;
  }

  // At a '<': reads one tag, or skips a comment / doctype / stray '<'. nullopt when skipped.
  std::optional<Tag> tag() {
    ++pos_;  // '<'
    if (iequals_at(html_, pos_, "!--")) {
      skip_past("-->", pos_ + 3);
      return std::nullopt;
    }
    if (pos_ < html_.size() && (html_[pos_] == '!' || html_[pos_] == '?')) {
      skip_past(">", pos_);
      return std::nullopt;
    }
    Tag tag;
    if (pos_ < html_.size() && html_[pos_] == '/') {
      tag.closing = true;
      ++pos_;
    }
    if (pos_ >= html_.size() || !is_alpha(html_[pos_])) return std::nullopt;  // a literal '<'
    tag.name = ascii_lower(name_from(pos_, "/>"));
    // Only form controls and the raw-text elements matter; any other tag's attributes are
    // stepped over without being copied and decoded (most of a page's tags).
    read_attributes(tag, !tag.closing && matters(tag.name));
    return tag;
  }

  // Skips the raw content of <script>/<style>/<textarea> up to its closing tag and returns it.
  std::string_view raw_text_until_close(std::string_view name) {
    std::size_t start = pos_;
    for (std::size_t at = html_.find('<', pos_); at != std::string_view::npos;
         at = html_.find('<', at + 1)) {
      if (at + 1 < html_.size() && html_[at + 1] == '/' && iequals_at(html_, at + 2, name)) {
        std::size_t after = at + 2 + name.size();
        if (after >= html_.size() || is_space(html_[after]) || html_[after] == '>' ||
            html_[after] == '/') {
          pos_ = at;
          return html_.substr(start, at - start);
        }
      }
    }
    pos_ = html_.size();
    return html_.substr(start);
  }

 private:
  void skip_past(std::string_view terminator, std::size_t from) {
    std::size_t end = html_.find(terminator, std::min(from, html_.size()));
    pos_ = end == std::string_view::npos ? html_.size() : end + terminator.size();
  }

  // The name that starts at `start` and runs, from `from` on, up to a space or one of `stops`;
  // the cursor moves past it.
  std::string_view name_from(std::size_t start, std::string_view stops, std::size_t from = 0) {
    std::size_t end = std::max(start, from);
    while (end < html_.size() && !is_space(html_[end]) && stops.find(html_[end]) == stops.npos) {
      ++end;
    }
    pos_ = end;
    return html_.substr(start, end - start);
  }

  void skip_spaces() {
    while (pos_ < html_.size() && is_space(html_[pos_])) ++pos_;
  }

  static bool matters(std::string_view name) {
    return name == "form" || name == "input" || name == "button" || name == "select" ||
           name == "option" || name == "textarea";
  }

  void read_attributes(Tag& tag, bool keep) {
    while (pos_ < html_.size()) {
      skip_spaces();
      if (pos_ >= html_.size()) return;
      char c = html_[pos_];
      if (c == '>') {
        ++pos_;
        return;
      }
      if (c == '/') {
        ++pos_;
        continue;
      }
      // The first character is taken whatever it is (HTML allows '=' there), so this advances.
      const std::string_view name = name_from(pos_, "/>=", pos_ + 1);
      skip_spaces();
      bool has_value = false;
      std::string_view value;
      if (pos_ < html_.size() && html_[pos_] == '=') {
        ++pos_;
        skip_spaces();
        has_value = true;
        value = read_value();
      }
      if (!keep) continue;
      Attribute attr{ascii_lower(name), decode_html_entities(value), has_value};
      if (!tag.has(attr.name)) tag.attributes.push_back(std::move(attr));  // first one wins
    }
  }

  std::string_view read_value() {
    if (pos_ >= html_.size()) return {};
    char quote = html_[pos_];
    if (quote == '"' || quote == '\'') {
      std::size_t start = ++pos_;
      std::size_t end = html_.find(quote, start);
      if (end == std::string_view::npos) end = html_.size();
      pos_ = std::min(end + 1, html_.size());
      return html_.substr(start, end - start);
    }
    std::size_t start = pos_;
    while (pos_ < html_.size() && !is_space(html_[pos_]) && html_[pos_] != '>') ++pos_;
    return html_.substr(start, pos_ - start);
  }

  std::string_view html_;
  std::size_t pos_ = 0;
};

bool looks_like_username(std::string_view name) {
  std::string n = ascii_lower(name);
  return n == "username" || n == "email" || n == "login" || n == "user" || n == "user_name";
}

// Builds the forms while the scanner walks the document.
class FormBuilder {
 public:
  void on_tag(const Tag& tag, Scanner& scanner) {
    if (tag.name == "form") {
      tag.closing ? close_form() : open_form(tag);
      return;
    }
    if (tag.closing) {
      if (tag.name == "select") close_select();
      return;
    }
    if (tag.name == "textarea") {
      // Raw text inside, so "<b>" in it is text; consumed even outside a form.
      std::string_view content = scanner.raw_text_until_close("textarea");
      if (content.substr(0, 1) == "\n") content.remove_prefix(1);  // as HTML does
      if (form_ && tag.has("name") && !tag.has("disabled")) {
        add_field(tag.get("name"), decode_html_entities(content), "textarea");
      }
      return;
    }
    if (!form_) return;
    if (tag.name == "input") {
      on_input(tag);
    } else if (tag.name == "button") {
      std::string type = ascii_lower(tag.get("type", "submit"));
      if (type == "submit" && tag.has("name") && !tag.has("disabled")) {
        form_->buttons.emplace_back(tag.get("name"), tag.get("value"));
      }
    } else if (tag.name == "select") {
      close_select();
      if (tag.has("name") && !tag.has("disabled"))
        select_ = Select{tag.get("name"), std::nullopt, std::nullopt};
    } else if (tag.name == "option" && select_) {
      on_option(tag, scanner);
    }
  }

  std::vector<HtmlForm> finish() {
    close_form();
    return std::move(forms_);
  }

 private:
  struct Select {
    std::string name;
    std::optional<std::string> first;
    std::optional<std::string> selected;
  };

  void open_form(const Tag& tag) {
    if (form_) return;  // browsers ignore a <form> inside a form
    form_ = HtmlForm{};
    form_->id = tag.get("id");
    std::string method = ascii_lower(tag.get("method", "get"));
    form_->method = (method == "post" || method == "dialog") ? method : "get";
    form_->action = tag.get("action");
  }

  void close_form() {
    if (!form_) return;
    close_select();
    forms_.push_back(std::move(*form_));
    form_.reset();
  }

  void close_select() {
    if (!select_) return;
    if (form_) {
      auto value = select_->selected ? select_->selected : select_->first;
      if (value) add_field(select_->name, *value, "select");
    }
    select_.reset();
  }

  void on_option(const Tag& tag, Scanner& scanner) {
    std::string value;
    if (tag.has("value")) {
      value = tag.get("value");
    } else {
      // The option's label stands in for a missing value; trimmed as browsers do.
      std::string text = decode_html_entities(scanner.text());
      auto first = text.find_first_not_of(" \t\r\n\f");
      auto last = text.find_last_not_of(" \t\r\n\f");
      value = first == std::string::npos ? "" : text.substr(first, last - first + 1);
    }
    if (!select_->first) select_->first = value;
    if (tag.has("selected") && !select_->selected) select_->selected = value;
  }

  void on_input(const Tag& tag) {
    std::string type = ascii_lower(tag.get("type", "text"));
    if (type == "password") form_->has_password_field = true;
    if (!tag.has("name") || tag.has("disabled")) return;
    std::string name = tag.get("name");
    if (type == "submit" || type == "image") {
      form_->buttons.emplace_back(std::move(name), tag.get("value"));
      return;
    }
    if (type == "reset" || type == "button") return;
    if ((type == "checkbox" || type == "radio") && !tag.has("checked")) return;
    std::string fallback = (type == "checkbox" || type == "radio") ? "on" : "";
    add_field(std::move(name), tag.get("value", fallback), type);
  }

  void add_field(std::string name, std::string value, const std::string& type) {
    if (type == "password" && form_->password_field.empty()) form_->password_field = name;
    bool texty = type == "text" || type == "email";
    if (texty && (form_->username_field.empty() ||
                  (looks_like_username(name) && !looks_like_username(form_->username_field)))) {
      form_->username_field = name;
    }
    form_->fields.add(std::move(name), std::move(value));
  }

  std::vector<HtmlForm> forms_;
  std::optional<HtmlForm> form_;
  std::optional<Select> select_;
};

}  // namespace

bool HtmlForm::has_button(std::string_view name) const {
  return std::any_of(buttons.begin(), buttons.end(),
                     [&](const auto& b) { return b.first == name; });
}

bool HtmlForm::has_button(std::string_view name, std::string_view value) const {
  return std::any_of(buttons.begin(), buttons.end(),
                     [&](const auto& b) { return b.first == name && b.second == value; });
}

std::string decode_html_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '&') {
      // The text up to the next reference goes over in one piece.
      const std::size_t amp = std::min(s.find('&', i), s.size());
      out.append(s, i, amp - i);
      i = amp;
      continue;
    }
    std::size_t semi = s.find(';', i + 1);
    // Entity names are short; a far-away ';' means this '&' is a literal.
    if (semi == std::string_view::npos || semi - i > 12) {
      out += s[i++];
      continue;
    }
    std::string_view body = s.substr(i + 1, semi - i - 1);
    std::optional<std::uint32_t> cp;
    if (!body.empty() && body[0] == '#') {
      cp = numeric_reference(body.substr(1));
    } else if (body == "amp") {
      cp = '&';
    } else if (body == "lt") {
      cp = '<';
    } else if (body == "gt") {
      cp = '>';
    } else if (body == "quot") {
      cp = '"';
    } else if (body == "apos") {
      cp = '\'';
    } else if (body == "nbsp") {
      cp = 0xA0;
    }
    if (!cp) {
      out += s[i++];
      continue;
    }
    append_utf8(out, *cp);
    i = semi + 1;
  }
  return out;
}

std::vector<HtmlForm> parse_forms(std::string_view html) {
  Scanner scanner(html);
  FormBuilder builder;
  while (!scanner.done()) {
    scanner.text();
    if (scanner.done()) break;
    std::optional<Tag> tag = scanner.tag();
    if (!tag) continue;
    if (!tag->closing && (tag->name == "script" || tag->name == "style")) {
      scanner.raw_text_until_close(tag->name);
      continue;
    }
    builder.on_tag(*tag, scanner);
  }
  return builder.finish();
}

}  // namespace oauthsim::scenario
