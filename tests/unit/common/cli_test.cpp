#include "oauthsim/common/cli.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>
#include "support/text.h"

namespace oauthsim::common {
namespace {

using test_support::contains;

void parse(ArgParser& p, std::initializer_list<const char*> args) {
  std::vector<const char*> argv{"prog"};
  argv.insert(argv.end(), args.begin(), args.end());
  p.parse(static_cast<int>(argv.size()), argv.data());
}

ArgParser server_parser() {
  ArgParser p("mock_authz_server", "Mock SmartRecruiters authorization server.");
  add_server_options(p, 8080);
  p.flag("verbose", "print the trace");
  return p;
}

std::string usage_error(ArgParser& p, std::initializer_list<const char*> args) {
  try {
    parse(p, args);
  } catch (const UsageError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no UsageError";
  return "";
}

TEST(ArgParser, ReadsOptionWithSeparateValue) {
  ArgParser p = server_parser();
  parse(p, {"--config", "/etc/x.json"});
  EXPECT_TRUE(p.has("config"));
  EXPECT_EQ(p.get("config"), "/etc/x.json");
}

TEST(ArgParser, ReadsOptionWithEqualsValue) {
  ArgParser p = server_parser();
  parse(p, {"--host=::1", "--port=0"});
  EXPECT_EQ(p.get("host"), "::1");
  EXPECT_EQ(p.get_int("port", 0, 65535), 0);
}

TEST(ArgParser, EqualsValueMayContainEquals) {
  ArgParser p = server_parser();
  parse(p, {"--config=a=b.json"});
  EXPECT_EQ(p.get("config"), "a=b.json");
}

TEST(ArgParser, EmptyEqualsValueIsAnEmptyString) {
  ArgParser p = server_parser();
  parse(p, {"--config="});
  EXPECT_TRUE(p.has("config"));
  EXPECT_EQ(p.get("config"), "");
}

TEST(ArgParser, LaterValueWins) {
  ArgParser p = server_parser();
  parse(p, {"--port", "1", "--port", "2"});
  EXPECT_EQ(p.get("port"), "2");
}

TEST(ArgParser, DefaultsApplyWhenOptionNotGiven) {
  ArgParser p = server_parser();
  parse(p, {});
  EXPECT_EQ(p.get("host"), "127.0.0.1");
  EXPECT_EQ(p.get_int("port", 0, 65535), 8080);
  EXPECT_FALSE(p.has("config"));
  EXPECT_FALSE(p.has("ready-file"));
}

TEST(ArgParser, GetOfAbsentOptionWithoutDefaultThrowsNamingIt) {
  ArgParser p = server_parser();
  parse(p, {});
  try {
    p.get("config");
    FAIL() << "no UsageError";
  } catch (const UsageError& e) {
    EXPECT_TRUE(contains(e.what(), "--config")) << e.what();
  }
}

TEST(ArgParser, FlagsAreSetOnlyWhenGiven) {
  ArgParser p = server_parser();
  parse(p, {"--verbose"});
  EXPECT_TRUE(p.flag_set("verbose"));
  EXPECT_FALSE(p.flag_set("help"));
}

TEST(ArgParser, HelpFlagIsBuiltIn) {
  ArgParser p("prog", "summary");
  parse(p, {"--help"});
  EXPECT_TRUE(p.flag_set("help"));
}

TEST(ArgParser, FlagWithValueIsRefused) {
  ArgParser p = server_parser();
  EXPECT_TRUE(contains(usage_error(p, {"--verbose=yes"}), "--verbose"));
}

TEST(ArgParser, UnknownOptionIsRefusedByName) {
  ArgParser p = server_parser();
  EXPECT_TRUE(contains(usage_error(p, {"--prot", "80"}), "--prot"));
}

TEST(ArgParser, MissingValueAtEndIsRefusedNamingTheOption) {
  ArgParser p = server_parser();
  const std::string msg = usage_error(p, {"--port"});
  EXPECT_TRUE(contains(msg, "--port")) << msg;
  EXPECT_TRUE(contains(msg, "N")) << msg;
}

TEST(ArgParser, OptionFollowedByAnotherOptionIsMissingItsValue) {
  ArgParser p = server_parser();
  const std::string msg = usage_error(p, {"--config", "--port", "9000"});
  EXPECT_TRUE(contains(msg, "--config needs a value")) << msg;
}

TEST(ArgParser, PositionalArgumentsAreCollected) {
  ArgParser p = server_parser();
  parse(p, {"allow", "--verbose", "deny", "--", "-x"});
  EXPECT_EQ(p.positional(), (std::vector<std::string>{"allow", "deny", "--", "-x"}));
}

TEST(ArgParser, GetIntRefusesNonNumbers) {
  for (const char* bad : {"abc", "80x", " 80", "", "8.0", "0x50"}) {
    ArgParser q = server_parser();
    parse(q, {"--port", bad});
    EXPECT_THROW(q.get_int("port", 0, 65535), UsageError) << bad;
  }
}

TEST(ArgParser, GetIntRefusesOutOfRangeNamingOptionAndRange) {
  ArgParser p = server_parser();
  parse(p, {"--port", "65536"});
  try {
    p.get_int("port", 0, 65535);
    FAIL() << "no UsageError";
  } catch (const UsageError& e) {
    const std::string msg = e.what();
    EXPECT_TRUE(contains(msg, "--port")) << msg;
    EXPECT_TRUE(contains(msg, "65535")) << msg;
    EXPECT_TRUE(contains(msg, "65536")) << msg;
  }
}

TEST(ArgParser, GetIntRefusesNegativeBelowMinAndHugeNumbers) {
  for (const char* bad : {"-1", "99999999999999999999"}) {
    ArgParser p = server_parser();
    parse(p, {"--port", bad});
    EXPECT_THROW(p.get_int("port", 0, 65535), UsageError) << bad;
  }
}

TEST(ArgParser, GetIntAcceptsTheBounds) {
  ArgParser p = server_parser();
  parse(p, {"--port", "65535"});
  EXPECT_EQ(p.get_int("port", 0, 65535), 65535);
  ArgParser q = server_parser();
  parse(q, {"--port", "0"});
  EXPECT_EQ(q.get_int("port", 0, 65535), 0);
}

TEST(ArgParser, HelpListsEveryOptionWithValueNameHelpAndDefault) {
  ArgParser p = server_parser();
  p.epilog("Exit codes: 0 ok, 2 usage or configuration error.");
  const std::string h = p.help();
  EXPECT_TRUE(contains(h, "mock_authz_server")) << h;
  EXPECT_TRUE(contains(h, "Mock SmartRecruiters authorization server.")) << h;
  for (const char* opt :
       {"--help", "--config FILE", "--host ADDR", "--port N", "--ready-file FILE", "--verbose"}) {
    EXPECT_TRUE(contains(h, opt)) << opt << " missing from:\n" << h;
  }
  EXPECT_TRUE(contains(h, "(default: 127.0.0.1)")) << h;
  EXPECT_TRUE(contains(h, "(default: 8080)")) << h;
  EXPECT_TRUE(contains(h, "print the trace")) << h;
  EXPECT_TRUE(contains(h, "Exit codes")) << h;
}

}  // namespace
}  // namespace oauthsim::common
