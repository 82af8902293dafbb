// The store implementations the conformance suites run against: each kind makes a code store
// and a token store; the suites are typed over the kinds, so both must answer alike.
#pragma once
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "oauthsim/authz/code_store.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/state/state_file.h"

namespace oauthsim::state::testing {

// A fresh directory under the system temp dir, removed with its contents at the end.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("oauthsim-state-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct InMemoryStores {
  static constexpr const char* kName = "InMemory";
  std::unique_ptr<authz::CodeStore> code_store() {
    return std::make_unique<authz::InMemoryCodeStore>();
  }
  std::unique_ptr<authz::TokenStore> token_store() {
    return std::make_unique<authz::InMemoryTokenStore>();
  }
};

struct SqliteStores {
  static constexpr const char* kName = "Sqlite";
  ScratchDir dir;
  StateFile file{dir / "state.db"};
  std::unique_ptr<authz::CodeStore> code_store() { return file.make_code_store(); }
  std::unique_ptr<authz::TokenStore> token_store() { return file.make_token_store(); }
};

struct StoreKindNames {
  template <typename T>
  static std::string GetName(int) {
    return T::kName;
  }
};

}  // namespace oauthsim::state::testing
