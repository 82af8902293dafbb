#include "oauthsim/scenario/browser/html_form.h"

#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace oauthsim::scenario {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using Items = std::vector<std::pair<std::string, std::string>>;

TEST(ParseForms, ReadsLoginFormWithHiddenFieldsInDocumentOrder) {
  const auto forms = parse_forms(R"(<!DOCTYPE html><html><body>
    <h1>Sign in to SmartRecruiters</h1>
    <form id="login" method="post" action="/identity/oauth/login">
      <input type="hidden" name="csrf_token" value="c5rf">
      <input type="hidden" name="request_id" value="r-1">
      <label>Email <input name="username"></label>
      <label>Password <input type="password" name="password"></label>
      <button type="submit">Sign in</button>
    </form></body></html>)");
  ASSERT_EQ(forms.size(), 1u);
  const HtmlForm& f = forms[0];
  EXPECT_EQ(f.id, "login");
  EXPECT_EQ(f.method, "post");
  EXPECT_EQ(f.action, "/identity/oauth/login");
  EXPECT_TRUE(f.has_password_field);
  EXPECT_EQ(f.password_field, "password");
  EXPECT_EQ(f.username_field, "username");
  EXPECT_THAT(f.fields.items(), ElementsAre(Pair("csrf_token", "c5rf"), Pair("request_id", "r-1"),
                                            Pair("username", ""), Pair("password", "")));
  EXPECT_THAT(f.buttons, IsEmpty());  // an unnamed button submits nothing
}

TEST(ParseForms, AcceptsAnyAttributeOrderQuotingAndTagCase) {
  const auto forms = parse_forms(
      "<FORM ACTION=/x/y METHOD='POST' id=f1>"
      "<INPUT VALUE=\"a b\" NAME=double TYPE=hidden>"
      "<input value='it\"s' name='single'>"
      "<input name=bare value=v1>"
      "<input   name = spaced   value = \"sp\"  >"
      "<input name=novalue>"
      "</FoRm>");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].id, "f1");
  EXPECT_EQ(forms[0].method, "post");
  EXPECT_EQ(forms[0].action, "/x/y");
  EXPECT_THAT(forms[0].fields.items(),
              ElementsAre(Pair("double", "a b"), Pair("single", "it\"s"), Pair("bare", "v1"),
                          Pair("spaced", "sp"), Pair("novalue", "")));
}

TEST(ParseForms, ReadsSelfClosingAndVoidInputsAlike) {
  const auto forms = parse_forms(
      "<form><input name=a value=1/><input name=b value=\"2\"/><input name=c value='3' />"
      "<input type=password name=\"p\"/></form>");
  ASSERT_EQ(forms.size(), 1u);
  // An unquoted value runs to whitespace or '>', so "1/" keeps its slash, as in browsers.
  EXPECT_THAT(forms[0].fields.items(),
              ElementsAre(Pair("a", "1/"), Pair("b", "2"), Pair("c", "3"), Pair("p", "")));
  EXPECT_TRUE(forms[0].has_password_field);
}

TEST(ParseForms, DecodesEntitiesInValuesAndAction) {
  const auto forms = parse_forms(
      "<form action=\"/cb?a=1&amp;b=2\">"
      "<input name=\"e\" value=\"&lt;&gt;&amp;&quot;&#39;&apos;&#65;&#x42;&#X43;\">"
      "<input name=\"u\" value=\"caf&#233; &#x1F600;\">"
      "<input name=\"keep\" value=\"&unknown; & &amp &#xZZ; &#;\">"
      "</form>");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].action, "/cb?a=1&b=2");
  EXPECT_EQ(forms[0].fields.get("e"), "<>&\"''ABC");
  EXPECT_EQ(forms[0].fields.get("u"), "caf\xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(forms[0].fields.get("keep"), "&unknown; & &amp &#xZZ; &#;");
}

TEST(ParseForms, InvalidCodePointsBecomeReplacementCharacter) {
  EXPECT_EQ(decode_html_entities("&#0;&#xD800;&#1114112;"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(ParseForms, ConsentButtonsAreButtonsNotFields) {
  const auto forms = parse_forms(R"(
    <form id="consent" method="post" action="/identity/oauth/consent">
      <input type="hidden" name="csrf_token" value="t">
      <p>Acme ATS wants to read your jobs</p>
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny">Deny</button>
      <button type="button" name="help" value="x">?</button>
      <input type="submit" name="alt" value="Go">
      <input type="reset" name="clear">
    </form>)");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_THAT(forms[0].fields.items(), ElementsAre(Pair("csrf_token", "t")));
  EXPECT_EQ(forms[0].buttons, (Items{{"decision", "allow"}, {"decision", "deny"}, {"alt", "Go"}}));
  EXPECT_TRUE(forms[0].has_button("decision", "deny"));
  EXPECT_FALSE(forms[0].has_button("decision", "maybe"));
  EXPECT_FALSE(forms[0].has_password_field);
}

TEST(ParseForms, ButtonWithoutTypeIsASubmitButton) {
  const auto forms = parse_forms("<form><button name=decision value=allow>OK</button></form>");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].buttons, (Items{{"decision", "allow"}}));
}

TEST(ParseForms, KeepsFormsApartAndIgnoresInputsOutsideForms) {
  const auto forms = parse_forms(
      "<input name=outside><form id=a><input name=x value=1></form>"
      "<input name=between><form id=b method=get><input name=y value=2></form>");
  ASSERT_EQ(forms.size(), 2u);
  EXPECT_EQ(forms[0].id, "a");
  EXPECT_THAT(forms[0].fields.items(), ElementsAre(Pair("x", "1")));
  EXPECT_EQ(forms[1].id, "b");
  EXPECT_THAT(forms[1].fields.items(), ElementsAre(Pair("y", "2")));
}

TEST(ParseForms, FormWithoutMethodIsGetAndWithoutActionHasEmptyAction) {
  const auto forms = parse_forms("<form><input name=q></form><form method=PUT></form>");
  ASSERT_EQ(forms.size(), 2u);
  EXPECT_EQ(forms[0].method, "get");
  EXPECT_EQ(forms[0].action, "");
  EXPECT_EQ(forms[1].method, "get");  // HTML treats unknown methods as GET
}

TEST(ParseForms, NestedFormTagIsIgnoredAsBrowsersDo) {
  const auto forms = parse_forms("<form id=outer><form id=inner><input name=a></form></form>");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].id, "outer");
  EXPECT_THAT(forms[0].fields.items(), ElementsAre(Pair("a", "")));
}

TEST(ParseForms, SubmitsOnlyCheckedCheckboxesAndRadios) {
  const auto forms = parse_forms(
      "<form><input type=checkbox name=c1 value=yes checked><input type=checkbox name=c2>"
      "<input type=radio name=r value=a><input type=radio name=r checked></form>");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_THAT(forms[0].fields.items(), ElementsAre(Pair("c1", "yes"), Pair("r", "on")));
}

TEST(ParseForms, ReadsTextareaAndSelectValues) {
  const auto forms = parse_forms(
      "<form><textarea name=t>\nline &amp; <b>not a tag</b></textarea>"
      "<select name=s1><option value=a>A<option value=b selected>B</select>"
      "<select name=s2><option> first label </option><option>second</option></select>"
      "<select name=s3></select>"
      "<input name=after value=z></form>");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_THAT(forms[0].fields.items(),
              ElementsAre(Pair("t", "line & <b>not a tag</b>"), Pair("s1", "b"),
                          Pair("s2", "first label"), Pair("after", "z")));
}

TEST(ParseForms, SkipsCommentsScriptsAndStyles) {
  const auto forms = parse_forms(
      "<!-- <form id=commented><input type=password name=p></form> -->"
      "<script>var s = '<form id=\"in-script\">';</script>"
      "<style>form > input { color: red }</style>"
      "<form id=real><input name=a value=1></form>");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].id, "real");
  EXPECT_FALSE(forms[0].has_password_field);
}

TEST(ParseForms, LeavesOutDisabledControls) {
  const auto forms = parse_forms(
      "<form><input name=a disabled><input name=b value=1>"
      "<button name=decision value=allow disabled>x</button></form>");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_THAT(forms[0].fields.items(), ElementsAre(Pair("b", "1")));
  EXPECT_THAT(forms[0].buttons, IsEmpty());
}

TEST(ParseForms, UnclosedFormEndsAtTheDocumentEnd) {
  const auto forms = parse_forms("<form id=x method=post><input name=a value=1>");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_THAT(forms[0].fields.items(), ElementsAre(Pair("a", "1")));
}

TEST(ParseForms, UsernameFieldPrefersAUserNamedInputOverTheFirstTextInput) {
  const auto forms = parse_forms(
      "<form><input name=company><input type=email name=email><input type=password name=pw>"
      "</form>");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].username_field, "email");
  EXPECT_EQ(forms[0].password_field, "pw");
}

TEST(ParseForms, NoFormsInPlainTextOrJson) {
  EXPECT_THAT(parse_forms(""), IsEmpty());
  EXPECT_THAT(parse_forms(R"({"error":"invalid_request"})"), IsEmpty());
  EXPECT_THAT(parse_forms("a < b and c > d"), IsEmpty());
}

TEST(ParseForms, EveryTruncationOfADocumentParsesWithoutCrashing) {
  const std::string doc = R"(<!--c--><form id="login" method='post' action=/l?a=1&amp;b=2>
    <input type="hidden" name="csrf" value="&#x41;&#66;"/><textarea name=t>x</textarea>
    <select name=s><option value=1 selected>1</option></select>
    <script>x</script><button name=decision value=allow>Allow</button></form>)";
  for (std::size_t n = 0; n <= doc.size(); ++n) {
    auto forms = parse_forms(std::string_view(doc).substr(0, n));
    EXPECT_LE(forms.size(), 1u) << "prefix " << n;
  }
  for (const char* junk : {"<", "<<<<", "</", "<!", "<!--", "<form", "<form a='", "<form a=", "&",
                           "&#", "&#x", "<form><input name='x", "<form><select><option",
                           "<form><textarea>", "<script>", "<\xff\xfe form>"}) {
    EXPECT_NO_THROW(parse_forms(junk)) << junk;
  }
}

TEST(ParseForms, RandomTagSoupNeverCrashesOrHangs) {
  // Pieces of the markup the parser cares about, shuffled into nonsense (ASan/UBSan catch the
  // rest).
  const std::vector<std::string> pieces = {"<form",       "</form>",
                                           "<input",      "<button",
                                           "</button>",   "<textarea>",
                                           "</textarea>", "<select",
                                           "<option",     "</select>",
                                           "<script>",    "</script>",
                                           "<!--",        "-->",
                                           "<!",          "<",
                                           ">",           "/>",
                                           "/",           " ",
                                           "=",           "'",
                                           "\"",          "name",
                                           "value",       "type=password",
                                           "selected",    "checked",
                                           "&amp;",       "&#",
                                           "&#x",         ";",
                                           "x",           "\n",
                                           "\xff"};
  std::mt19937 rng(20260101);  // fixed: a failure must be reproducible
  for (int round = 0; round < 2000; ++round) {
    std::string doc;
    const int n = static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) doc += pieces[rng() % pieces.size()];
    const auto forms = parse_forms(doc);
    for (const auto& f : forms)
      EXPECT_TRUE(f.method == "get" || f.method == "post" || f.method == "dialog");
  }
}

}  // namespace
}  // namespace oauthsim::scenario
