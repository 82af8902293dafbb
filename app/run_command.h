#pragma once
#include <string>
#include <vector>

#include "oauthsim/scenario/runner/mission_flows.h"

namespace oauthsim::app {

// Where the results go besides the console; empty: not written.
struct ReportFiles {
  std::string json;   // results, checks and redacted traces as JSON
  std::string junit;  // JUnit XML, a testcase per scenario
  std::string html;   // one self-contained page with the ten steps and a sequence diagram each
};

// Shared by `run` and `check-client`: prints the ten-step table (every check with `verbose`),
// writes the report files, and returns the exit status: 0 all passed, 1 any failed, 2 a report
// file could not be written.
int report_results(const std::string& program, const std::vector<scenario::FlowResult>& results,
                   const ReportFiles& files, bool verbose);

// `oauthsim run`: argv[0] is "run". Returns the process exit code.
int run_command(int argc, char** argv);

}  // namespace oauthsim::app
