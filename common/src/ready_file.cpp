#include "oauthsim/common/ready_file.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace oauthsim::common {

void write_ready_file(const std::string& path, const nlohmann::json& content) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write the ready file " + tmp);
    out << content.dump() << "\n";
    if (!out.flush()) throw std::runtime_error("cannot write the ready file " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    throw std::runtime_error("cannot move the ready file into place at " + path);
  }
}

}  // namespace oauthsim::common
