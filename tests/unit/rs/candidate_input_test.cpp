#include "oauthsim/rs/candidate_input.h"

#include <gtest/gtest.h>

namespace oauthsim::rs {
namespace {

std::string field_refused(const std::string& body) {
  try {
    parse_candidate_input(body);
  } catch (const InvalidBody& e) {
    return e.field();
  }
  return "<accepted>";
}

TEST(CandidateInputTest, AcceptsRequiredFieldsAndOptionalPhone) {
  auto in = parse_candidate_input(
      R"({"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","phoneNumber":"+44 1","extra":1})");
  EXPECT_EQ(in.first_name, "Ada");
  EXPECT_EQ(in.last_name, "Lovelace");
  EXPECT_EQ(in.email, "ada@example.com");
  EXPECT_EQ(in.phone_number, "+44 1");
}

TEST(CandidateInputTest, MissingFieldIsNamed) {
  EXPECT_EQ(field_refused(R"({"lastName":"L","email":"a@b.co"})"), "firstName");
  EXPECT_EQ(field_refused(R"({"firstName":"A","email":"a@b.co"})"), "lastName");
  EXPECT_EQ(field_refused(R"({"firstName":"A","lastName":"L"})"), "email");
}

TEST(CandidateInputTest, IllTypedOrEmptyFieldIsNamed) {
  EXPECT_EQ(field_refused(R"({"firstName":7,"lastName":"L","email":"a@b.co"})"), "firstName");
  EXPECT_EQ(field_refused(R"({"firstName":"A","lastName":"  ","email":"a@b.co"})"), "lastName");
  EXPECT_EQ(field_refused(R"({"firstName":"A","lastName":"L","email":["a@b.co"]})"), "email");
  EXPECT_EQ(field_refused(R"({"firstName":"A","lastName":"L","email":"a@b.co","phoneNumber":5})"),
            "phoneNumber");
}

TEST(CandidateInputTest, EmailThatDoesNotLookLikeOneIsNamed) {
  EXPECT_EQ(field_refused(R"({"firstName":"A","lastName":"L","email":"not-an-email"})"), "email");
}

TEST(CandidateInputTest, OverlongFieldIsNamed) {
  std::string body =
      R"({"firstName":")" + std::string(300, 'x') + R"(","lastName":"L","email":"a@b.co"})";
  EXPECT_EQ(field_refused(body), "firstName");
}

TEST(CandidateInputTest, BadJsonOrNonObjectNamesNoField) {
  EXPECT_EQ(field_refused("{"), "");
  EXPECT_EQ(field_refused("[1,2]"), "");
  EXPECT_EQ(field_refused(""), "");
}

TEST(CandidateInputTest, EmailCheck) {
  EXPECT_TRUE(looks_like_email("a@b.co"));
  EXPECT_TRUE(looks_like_email("first.last+tag@sub.example.org"));
  for (const char* bad : {"", "@b.co", "a@", "a@b", "a@@b.co", "a b@c.de", "a@b.", "a@.com"}) {
    EXPECT_FALSE(looks_like_email(bad)) << bad;
  }
}

}  // namespace
}  // namespace oauthsim::rs
