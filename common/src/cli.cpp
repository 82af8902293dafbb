#include "oauthsim/common/cli.h"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace oauthsim::common {

ArgParser::ArgParser(std::string program, std::string summary)
    : program_(std::move(program)), summary_(std::move(summary)) {
  flag("help", "show this help and exit");
}

ArgParser& ArgParser::option(std::string name, std::string value_name, std::string help,
                             std::optional<std::string> default_value) {
  specs_.push_back(
      {std::move(name), std::move(value_name), std::move(help), std::move(default_value), false});
  return *this;
}

ArgParser& ArgParser::flag(std::string name, std::string help) {
  specs_.push_back({std::move(name), "", std::move(help), std::nullopt, true});
  return *this;
}

ArgParser& ArgParser::epilog(std::string text) {
  epilog_ = std::move(text);
  return *this;
}

void ArgParser::parse(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    auto spec =
        std::find_if(specs_.begin(), specs_.end(), [&](const Spec& s) { return s.name == name; });
    if (spec == specs_.end()) {
      throw UsageError("unknown option --" + name + " (see --help)");
    }
    if (spec->is_flag) {
      if (inline_value) throw UsageError("--" + name + " takes no value");
      values_[name] = "true";
      continue;
    }
    if (inline_value) {
      values_[name] = *inline_value;
    } else if (i + 1 < argc && std::string_view(argv[i + 1]).rfind("--", 0) != 0) {
      values_[name] = argv[++i];
    } else {
      throw UsageError("--" + name + " needs a value: --" + name + " " + spec->value_name);
    }
  }
}

bool ArgParser::has(const std::string& name) const {
  if (values_.count(name)) return true;
  auto spec =
      std::find_if(specs_.begin(), specs_.end(), [&](const Spec& s) { return s.name == name; });
  return spec != specs_.end() && spec->default_value.has_value();
}

std::string ArgParser::get(const std::string& name) const {
  if (auto it = values_.find(name); it != values_.end()) return it->second;
  auto spec =
      std::find_if(specs_.begin(), specs_.end(), [&](const Spec& s) { return s.name == name; });
  if (spec != specs_.end() && spec->default_value) return *spec->default_value;
  throw UsageError("missing required option --" + name);
}

int ArgParser::get_int(const std::string& name, int min, int max) const {
  const std::string text = get(name);
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value < min || value > max) {
    throw UsageError("--" + name + " expects a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", got '" + text + "'");
  }
  return value;
}

bool ArgParser::flag_set(const std::string& name) const {
  return values_.count(name) > 0;
}

std::string ArgParser::help() const {
  std::string out = "Usage: " + program_ + " [options]\n\n" + summary_ + "\n\nOptions:\n";
  for (const auto& s : specs_) {
    std::string left = "  --" + s.name + (s.is_flag ? "" : " " + s.value_name);
    if (left.size() < 28)
      left.resize(28, ' ');
    else
      left += "\n" + std::string(28, ' ');
    out += left + s.help;
    if (s.default_value && !s.default_value->empty()) out += " (default: " + *s.default_value + ")";
    out += "\n";
  }
  if (!epilog_.empty()) out += "\n" + epilog_ + "\n";
  return out;
}

void add_server_options(ArgParser& p, int default_port) {
  p.option("config", "FILE",
           "JSON configuration (clients, users, lifetimes); built-in demo defaults without it")
      .option("host", "ADDR", "address to listen on", "127.0.0.1")
      .option("port", "N", "port to listen on; 0 picks any free port", std::to_string(default_port))
      .option("ready-file", "FILE", "write a JSON object with the base URL here once listening");
}

}  // namespace oauthsim::common
