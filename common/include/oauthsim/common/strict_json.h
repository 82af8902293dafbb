#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace oauthsim::common {

// Reads one JSON object strictly: every key must be known, every value of the right type.
// Errors are thrown as Error(what), what naming the source file, the key as a JSON pointer
// (e.g. /clients/0/redirect_uris) and what was expected. Shared by the configuration and the
// scenario files so both speak the same way about mistakes.
template <typename Error>
class StrictObjectReader {
 public:
  using json = nlohmann::json;

  StrictObjectReader(const json& j, std::string pointer, const std::string& source)
      : j_(j), pointer_(std::move(pointer)), source_(source) {
    if (!j_.is_object()) fail(pointer_.empty() ? "/" : pointer_, "expected an object");
  }

  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw Error(source_ + ": " + where + ": " + what);
  }
  std::string at(const std::string& key) const { return pointer_ + "/" + key; }
  const std::string& source() const { return source_; }

  const json* find(const std::string& key) {
    seen_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }

  void string(const std::string& key, std::string& out, bool required = false) {
    const json* v = find(key);
    if (!v) {
      if (required) fail(at(key), "required string is missing");
      return;
    }
    if (!v->is_string()) fail(at(key), "expected a string, got " + std::string(v->type_name()));
    out = v->template get<std::string>();
  }

  void integer(const std::string& key, std::int64_t& out, std::int64_t min, std::int64_t max) {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_number_integer()) {
      fail(at(key), "expected an integer, got " + std::string(v->type_name()));
    }
    const std::string range =
        "expected an integer from " + std::to_string(min) + " to " + std::to_string(max);
    // Unsigned values above INT64_MAX would wrap when read as signed.
    if (v->is_number_unsigned() &&
        v->template get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      fail(at(key), range);
    }
    const auto n = v->template get<std::int64_t>();
    if (n < min || n > max) fail(at(key), range + ", got " + std::to_string(n));
    out = n;
  }

  void boolean(const std::string& key, bool& out) {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_boolean()) {
      fail(at(key), "expected true or false, got " + std::string(v->type_name()));
    }
    out = v->template get<bool>();
  }

  void strings(const std::string& key, std::vector<std::string>& out) {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_array()) {
      fail(at(key), "expected an array of strings, got " + std::string(v->type_name()));
    }
    out.clear();
    for (std::size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) fail(at(key) + "/" + std::to_string(i), "expected a string");
      out.push_back((*v)[i].template get<std::string>());
    }
  }

  // One of a fixed set of words.
  template <typename E>
  void choice(const std::string& key, E& out, const std::map<std::string, E>& values,
              bool required = false) {
    std::string word;
    const json* v = find(key);
    if (!v && !required) return;
    string(key, word, required);
    auto it = values.find(word);
    if (it == values.end()) {
      std::string names;
      for (const auto& [name, value] : values)
        names += (names.empty() ? "\"" : ", \"") + name + "\"";
      fail(at(key), "expected one of " + names + ", got \"" + word + "\"");
    }
    out = it->second;
  }

  // Call last: any key that no reader asked for is unknown.
  void reject_unknown() const {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (!seen_.count(it.key())) fail(at(it.key()), "unknown key");
    }
  }

 private:
  const json& j_;
  std::string pointer_;
  const std::string& source_;
  std::set<std::string> seen_;
};

}  // namespace oauthsim::common
