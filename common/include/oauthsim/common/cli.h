#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace oauthsim::common {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A small --long-option parser that also writes the --help text.
class ArgParser {
 public:
  ArgParser(std::string program, std::string summary);
  // An option that takes a value (--name VALUE or --name=VALUE).
  ArgParser& option(std::string name, std::string value_name, std::string help,
                    std::optional<std::string> default_value = std::nullopt);
  ArgParser& flag(std::string name, std::string help);
  ArgParser& epilog(std::string text);

  // Throws UsageError naming the offending argument. Positional arguments are collected.
  void parse(int argc, const char* const* argv);

  bool has(const std::string& name) const;                       // given, or has a default
  std::string get(const std::string& name) const;                // throws UsageError when absent
  int get_int(const std::string& name, int min, int max) const;  // validated range
  bool flag_set(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }
  std::string help() const;

 private:
  struct Spec {
    std::string name, value_name, help;
    std::optional<std::string> default_value;
    bool is_flag = false;
  };
  std::string program_, summary_, epilog_;
  std::vector<Spec> specs_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

// The options every party executable shares: --help, --config, --host, --port, --ready-file.
void add_server_options(ArgParser& p, int default_port);

}  // namespace oauthsim::common
