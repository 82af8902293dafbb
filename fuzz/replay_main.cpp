// The ordinary-build stand-in for libFuzzer: feeds every file named on the command line, or found
// in a directory named there, to the target once. Any input that crashes or breaks a property
// aborts the process, so ctest fails and names the file last printed.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputs_of(const std::filesystem::path& arg, bool& missing) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  if (std::filesystem::is_regular_file(arg, ec)) {
    out.push_back(arg);
  } else if (std::filesystem::is_directory(arg, ec)) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(arg)) {
      if (e.is_regular_file()) out.push_back(e.path());
    }
  } else {
    missing = true;
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

// Usage: fuzz_TARGET [--optional] PATH...  Paths after --optional may be absent (a target with
// no crash found yet has no fuzz/crashes/TARGET/); any other path must hold at least one input.
int main(int argc, char** argv) {
  std::size_t fed = 0;
  bool optional = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--optional") {
      optional = true;
      continue;
    }
    bool missing = false;
    const auto files = inputs_of(arg, missing);
    if (files.empty() && !optional) {
      std::fprintf(stderr, "fuzz replay: no input in %s\n", arg.c_str());
      return 2;
    }
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      std::fprintf(stderr, "fuzz replay: %s\n", f.c_str());
      std::vector<std::uint8_t> copy(bytes.begin(), bytes.end());  // exact size, for ASan
      LLVMFuzzerTestOneInput(copy.data(), copy.size());
      ++fed;
    }
  }
  std::printf("fuzz replay: %zu input(s), none crashed\n", fed);
  return fed == 0 ? 2 : 0;
}
