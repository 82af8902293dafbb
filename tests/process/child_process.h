// Spawning the party executables as real child processes for the process tests: posix_spawn with
// stdout/stderr captured to files, bounded polling for exit and ready files, and a destructor that
// SIGKILLs whatever is still running so a failing test never leaves processes behind.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;

namespace oauthsim::process_test {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How often bounded polls look again: short enough to keep tests quick, long enough not to spin.
inline constexpr milliseconds kPollInterval{20};

// The programs under test (paths from CMake) and how long they may take: to write their ready
// file, to stop after SIGTERM, to run a whole command such as `oauthsim run`.
inline const std::string kAuthzBin = OAUTHSIM_AUTHZ_BIN;
inline const std::string kRsBin = OAUTHSIM_RS_BIN;
inline const std::string kClientBin = OAUTHSIM_CLIENT_BIN;
inline const std::string kAppBin = OAUTHSIM_APP_BIN;
inline constexpr milliseconds kReadyDeadline{15'000};
inline constexpr milliseconds kStopDeadline{10'000};
inline constexpr milliseconds kRunDeadline{120'000};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
      auto candidate =
          base / ("oauthsim-process-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
      if (std::filesystem::create_directory(candidate)) {
        path_ = candidate;
        return;
      }
    }
    throw std::runtime_error("cannot create a temporary directory under " + base.string());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// How a child ended, as waitpid reported it.
struct ExitStatus {
  bool exited = false;  // true: normal exit with `code`; false: killed by `signal`
  int code = -1;
  int signal = 0;

  static ExitStatus from_wait_status(int status) {
    ExitStatus s;
    if (WIFEXITED(status)) {
      s.exited = true;
      s.code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      s.signal = WTERMSIG(status);
    }
    return s;
  }
  bool exited_with(int expected) const { return exited && code == expected; }
  std::string describe() const {
    if (exited) return "exit status " + std::to_string(code);
    return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  }
};

// One running executable. Output goes to <dir>/<name>.out and <dir>/<name>.err.
class ChildProcess {
 public:
  ChildProcess(std::vector<std::string> argv, const std::filesystem::path& output_dir,
               const std::string& name)
      : name_(name),
        stdout_path_(output_dir / (name + ".out")),
        stderr_path_(output_dir / (name + ".err")) {
    if (argv.empty()) throw std::invalid_argument("ChildProcess needs a program");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, stdout_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, stderr_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);

    // The child must see SIGINT/SIGTERM with their default meaning and unblocked, whatever this
    // test process did with its own mask, or the clean-stop tests would test nothing.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t empty, defaults;
    sigemptyset(&empty);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid_, args[0], &actions, &attr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
      pid_ = -1;
      throw std::runtime_error("posix_spawn " + argv[0] + ": " + std::strerror(rc));
    }
  }

  ~ChildProcess() {
    if (pid_ > 0 && !status_) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  const std::string& name() const { return name_; }
  pid_t pid() const { return pid_; }
  bool send_signal(int sig) const { return !status_ && ::kill(pid_, sig) == 0; }

  // Reaps the child if it has exited; never blocks.
  std::optional<ExitStatus> poll_exit() {
    if (status_) return status_;
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) status_ = ExitStatus::from_wait_status(status);
    return status_;
  }

  // nullopt when it is still running after `timeout`.
  std::optional<ExitStatus> wait_for_exit(milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!poll_exit()) {
      if (Clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(kPollInterval);
    }
    return status_;
  }

  std::string out() const { return read_file(stdout_path_); }
  std::string err() const { return read_file(stderr_path_); }
  std::string output_for_diagnosis() const {
    return "--- " + name_ + " stdout ---\n" + out() + "--- " + name_ + " stderr ---\n" + err();
  }

 private:
  std::string name_;
  std::filesystem::path stdout_path_, stderr_path_;
  pid_t pid_ = -1;
  std::optional<ExitStatus> status_;
};

// Waits until `ready_file` holds a JSON object with a string under `key` and returns that string.
// Throws, with the child's output, when the child exits first or the deadline passes.
inline std::string wait_for_ready_url(ChildProcess& child, const std::filesystem::path& ready_file,
                                      const std::string& key, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    std::error_code ec;
    if (std::filesystem::exists(ready_file, ec)) {
      // Written by rename, so a file that exists is complete.
      auto j = nlohmann::json::parse(read_file(ready_file), nullptr, false);
      if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
      throw std::runtime_error(child.name() + " wrote a ready file without a string \"" + key +
                               "\": " + read_file(ready_file));
    }
    if (auto status = child.poll_exit()) {
      throw std::runtime_error(child.name() + " ended before it was ready (" + status->describe() +
                               ")\n" + child.output_for_diagnosis());
    }
    if (Clock::now() >= deadline) {
      throw std::runtime_error(child.name() + " wrote no ready file within " +
                               std::to_string(timeout.count()) + " ms\n" +
                               child.output_for_diagnosis());
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

// A port that was free a moment ago: bind 127.0.0.1:0, read the port, close. Another process could
// take it before the caller binds it; on loopback in a test run that is rare enough.
inline int pick_free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error("cannot pick a free port: " + why);
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace oauthsim::process_test
