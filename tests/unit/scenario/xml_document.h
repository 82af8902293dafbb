#pragma once
// A deliberately strict little XML 1.0 reader for the report tests: it accepts only
// well-formed documents (balanced tags, quoted attributes, no duplicate attributes, only the
// five predefined entities and character references, no control characters) and decodes
// them into a tree the tests can query. Throws std::runtime_error naming the offset.
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace oauthsim::scenario::test {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;  // decoded values
  std::string text;                               // decoded character data, children excluded
  std::vector<XmlElement> children;

  std::vector<const XmlElement*> all(std::string_view child_name) const {
    std::vector<const XmlElement*> out;
    for (const auto& c : children) {
      if (c.name == child_name) out.push_back(&c);
    }
    return out;
  }
  const XmlElement& only(std::string_view child_name) const {
    const auto found = all(child_name);
    if (found.size() != 1) {
      throw std::runtime_error("expected one <" + std::string(child_name) + "> in <" + name +
                               ">, found " + std::to_string(found.size()));
    }
    return *found.front();
  }
  bool has(std::string_view child_name) const { return !all(child_name).empty(); }
  const std::string& attr(const std::string& key) const {
    const auto it = attributes.find(key);
    if (it == attributes.end()) throw std::runtime_error("<" + name + "> has no " + key);
    return it->second;
  }
};

class XmlReader {
 public:
  static XmlElement parse(std::string_view doc) { return XmlReader(doc).document(); }

 private:
  explicit XmlReader(std::string_view doc) : s_(doc) {}

  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error("not well-formed at offset " + std::to_string(i_) + ": " + why);
  }
  bool starts(std::string_view p) const { return s_.substr(i_, p.size()) == p; }
  void expect(std::string_view p) {
    if (!starts(p)) fail("expected '" + std::string(p) + "'");
    i_ += p.size();
  }
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  static bool name_char(char c, bool first) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    return alpha || (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
  }
  std::string name() {
    const std::size_t start = i_;
    while (i_ < s_.size() && name_char(s_[i_], i_ == start)) ++i_;
    if (i_ == start) fail("expected a name");
    return std::string(s_.substr(start, i_ - start));
  }
  static void append_utf8(std::string& out, unsigned long cp) {
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
  // At '&': appends what the reference stands for.
  void reference(std::string& out) {
    const std::size_t end = s_.find(';', i_);
    if (end == std::string_view::npos) fail("unterminated reference");
    const std::string_view ref = s_.substr(i_ + 1, end - i_ - 1);
    static const std::map<std::string_view, char> kEntities = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    if (const auto it = kEntities.find(ref); it != kEntities.end()) {
      out += it->second;
    } else if (ref.size() > 1 && ref[0] == '#') {
      const bool hex = ref[1] == 'x';
      const std::string digits(ref.substr(hex ? 2 : 1));
      if (digits.empty() || digits.find_first_not_of(hex ? "0123456789abcdefABCDEF"
                                                         : "0123456789") != std::string::npos)
        fail("bad character reference");
      const unsigned long cp = std::stoul(digits, nullptr, hex ? 16 : 10);
      const bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!allowed) fail("reference to a character XML 1.0 forbids");
      append_utf8(out, cp);
    } else {
      fail("unknown entity '" + std::string(ref) + "'");
    }
    i_ = end + 1;
  }
  std::string attribute_value() {
    if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) fail("unquoted attribute value");
    const char quote = s_[i_++];
    std::string value;
    while (true) {
      if (i_ >= s_.size()) fail("unterminated attribute value");
      const char c = s_[i_];
      if (c == quote) break;
      if (c == '<') fail("'<' in an attribute value");
      if (c == '&') {
        reference(value);
        continue;
      }
      value += c;
      ++i_;
    }
    ++i_;
    return value;
  }
  XmlElement element() {
    expect("<");
    XmlElement e;
    e.name = name();
    while (true) {
      const std::size_t before = i_;
      skip_space();
      if (starts("/>")) {
        i_ += 2;
        return e;
      }
      if (starts(">")) {
        ++i_;
        break;
      }
      if (i_ == before) fail("expected space before an attribute");
      std::string key = name();
      skip_space();
      expect("=");
      skip_space();
      if (!e.attributes.emplace(key, attribute_value()).second) fail("duplicate " + key);
    }
    while (true) {
      if (i_ >= s_.size()) fail("<" + e.name + "> is never closed");
      if (starts("</")) {
        i_ += 2;
        if (name() != e.name) fail("closing tag does not match <" + e.name + ">");
        skip_space();
        expect(">");
        return e;
      }
      if (starts("<!--")) {
        const std::size_t end = s_.find("-->", i_);
        if (end == std::string_view::npos) fail("unterminated comment");
        i_ = end + 3;
      } else if (starts("<![CDATA[")) {
        const std::size_t end = s_.find("]]>", i_);
        if (end == std::string_view::npos) fail("unterminated CDATA");
        e.text += s_.substr(i_ + 9, end - i_ - 9);
        i_ = end + 3;
      } else if (starts("<")) {
        e.children.push_back(element());
      } else if (starts("&")) {
        reference(e.text);
      } else if (starts("]]>")) {
        fail("']]>' in character data");
      } else {
        e.text += s_[i_++];
      }
    }
  }
  XmlElement document() {
    for (; i_ < s_.size(); ++i_) {
      const auto u = static_cast<unsigned char>(s_[i_]);
      if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') {
        fail("control character " + std::to_string(u) + " in the document");
      }
    }
    i_ = 0;
    if (starts("<?xml")) {
      const std::size_t end = s_.find("?>", i_);
      if (end == std::string_view::npos) fail("unterminated XML declaration");
      i_ = end + 2;
    }
    skip_space();
    XmlElement root = element();
    skip_space();
    if (i_ != s_.size()) fail("content after the root element");
    return root;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace oauthsim::scenario::test
