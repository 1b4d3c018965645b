// A profile's `contact`, rule by rule: phones normalised to E.164 (NANP as
// people write it, other countries with +), email syntax, https-only URLs
// without credentials, lengths; each refusal names its field path.
#include <doctest/doctest.h>

#include "contact_checks.h"
#include "profile_json.h"
#include "profile_validator.h"
#include "store_test_support.h"

namespace rapport {
namespace {

using testing::Lines;
using testing::PatchedProfileJson;
using testing::ValidateJson;
using Errors = std::vector<std::string>;

// The validated contact of the fixture profile with `contact` (a JSON object).
ValidationOutcome WithContact(const std::string& contact) {
  return ValidateJson(PatchedProfileJson(R"({"contact":)" + contact + "}"));
}

std::string PhoneOf(const std::string& typed) {
  const ValidationOutcome outcome = WithContact(R"({"phone":")" + typed + "\"}");
  REQUIRE(Lines(outcome.errors) == Errors{});
  REQUIRE(outcome.profile.contact.has_value());
  return outcome.profile.contact->phone;
}

// The single error a contact member gets, as "path: reason".
std::string ErrorOf(const std::string& member, const std::string& json_value) {
  const Errors errors = Lines(WithContact("{\"" + member + "\":" + json_value + "}").errors);
  REQUIRE(errors.size() == 1);
  return errors.front();
}

bool Refused(const std::string& member, const std::string& json_value) {
  return ErrorOf(member, json_value).rfind("contact." + member + ": ", 0) == 0;
}

TEST_CASE("contact: every field kept and written back in canonical order") {
  const ValidationOutcome outcome = ValidateJson(testing::ValidProfileJson());
  REQUIRE(Lines(outcome.errors) == Errors{});
  REQUIRE(outcome.profile.contact.has_value());
  const Contact& c = *outcome.profile.contact;
  CHECK(c.phone == "+15105550123");
  CHECK(c.email == "maria@example.org");
  CHECK(c.website == "https://example.org");
  CHECK(c.booking_url == "https://example.org/book");
  const std::string json = ToCanonicalJson(outcome.profile);
  CHECK(json.find(R"("contact":{"phone":"+15105550123","email":"maria@example.org",)"
                  R"("website":"https://example.org","booking_url":"https://example.org/book"})") !=
        std::string::npos);
  auto back = ProfileFromStoredJson(json);
  REQUIRE(back.ok());
  CHECK(ToCanonicalJson(back.value()) == json);
}

TEST_CASE("contact: absent, null, empty object and null members mean no contact") {
  for (const char* contact : {"null", "{}", R"({"phone":null,"email":null})"}) {
    const ValidationOutcome outcome = WithContact(contact);
    CHECK(Lines(outcome.errors) == Errors{});
    CHECK_FALSE(outcome.profile.contact.has_value());
    CHECK(ToCanonicalJson(outcome.profile).find("contact") == std::string::npos);
  }
  const ValidationOutcome one = WithContact(R"({"email":"a@b.org"})");
  REQUIRE(one.profile.contact.has_value());
  CHECK(ToCanonicalJson(one.profile).find(R"("contact":{"email":"a@b.org"})") != std::string::npos);
}

TEST_CASE("contact.phone: US numbers as people write them become E.164") {
  CHECK(PhoneOf("(510) 555-0142") == "+15105550142");
  CHECK(PhoneOf("510.555.0142") == "+15105550142");
  CHECK(PhoneOf("+1 510 555 0142") == "+15105550142");
  CHECK(PhoneOf("510-555-0142") == "+15105550142");
  CHECK(PhoneOf("1 (510) 555-0142") == "+15105550142");
  CHECK(PhoneOf("5105550142") == "+15105550142");
  CHECK(PhoneOf("+15105550142") == "+15105550142");
  // Toll-free and Canadian numbers are NANP too.
  CHECK(PhoneOf("(800) 555-0199") == "+18005550199");
  CHECK(PhoneOf("(416) 555-0123") == "+14165550123");
}

TEST_CASE("contact.phone: another country's valid number with + and its code") {
  CHECK(PhoneOf("+44 20 7946 0958") == "+442079460958");
  CHECK(PhoneOf("+33 1 23 45 67 89") == "+33123456789");
}

TEST_CASE("contact.phone: refused, naming contact.phone") {
  // Not a NANP number: area code or exchange starting with 0 or 1, too short, too long.
  CHECK(Refused("phone", R"("(123) 456-7890")"));
  CHECK(Refused("phone", R"("(510) 055-0142")"));
  CHECK(Refused("phone", R"("555-0142")"));
  CHECK(Refused("phone", R"("510 555 01423")"));
  CHECK(Refused("phone", R"("911")"));
  // Another country's number needs its +; a bad country code or length is refused.
  CHECK(Refused("phone", R"("020 7946 0958")"));
  CHECK(Refused("phone", R"("011 44 20 7946 0958")"));
  CHECK(Refused("phone", R"("+999 1234 5678")"));
  CHECK(Refused("phone", R"("+44 20 7946")"));
  // Not a number at all, an extension, over-long text, the wrong type.
  CHECK(Refused("phone", R"("call me")"));
  CHECK(Refused("phone", R"("")"));
  CHECK(ErrorOf("phone", R"("(510) 555-0142 ext. 7")") ==
        "contact.phone: must not have an extension; give a direct number");
  CHECK(ErrorOf("phone", "\"" + std::string(41, '5') + "\"") ==
        "contact.phone: is longer than 40 characters");
  CHECK(ErrorOf("phone", "5105550142") == "contact.phone: expected a string");
}

TEST_CASE("contact.email: address syntax") {
  CHECK(Lines(WithContact(R"({"email":"first.last+intake@clinic.example.org"})").errors) ==
        Errors{});
  for (const char* bad :
       {R"("maria")", R"("maria@")", R"("@example.org")", R"("maria@example")",
        R"("maria@@example.org")", R"("ma ria@example.org")", R"(".maria@example.org")",
        R"("maria.@example.org")", R"("ma..ria@example.org")", R"("maria@-example.org")",
        R"("maria@example..org")", R"("maria@192.168.0.1")", R"("mar\u00eda@example.org")",
        R"("maria@exa_mple.org")", R"("<maria@example.org>")", R"("maria@example.org\n")"}) {
    CAPTURE(bad);
    CHECK(Refused("email", bad));
  }
  CHECK(ErrorOf("email", "\"" + std::string(65, 'a') + "@example.org\"") ==
        "contact.email: the part before @ must have 1 to 64 characters");
  const std::string long_domain = std::string(62, 'a') + "." + std::string(62, 'b') + "." +
                                  std::string(62, 'c') + "." + std::string(62, 'd') + ".org";
  CHECK(ErrorOf("email", "\"maria@" + long_domain + "\"") ==
        "contact.email: is longer than 254 characters");
  CHECK(ErrorOf("email", "true") == "contact.email: expected a string");
}

TEST_CASE("contact.website and booking_url: https only, no credentials, a real host") {
  for (const char* member : {"website", "booking_url"}) {
    CAPTURE(member);
    const auto kept = [&](const std::string& url) {
      const ValidationOutcome outcome =
          WithContact("{\"" + std::string(member) + "\":\"" + url + "\"}");
      REQUIRE(Lines(outcome.errors) == Errors{});
      const Contact& c = *outcome.profile.contact;
      return std::string(member) == "website" ? c.website : c.booking_url;
    };
    CHECK(kept("https://example.org") == "https://example.org");
    CHECK(kept("https://book.example.org:8443/a/b?x=1&y=%20#slot") ==
          "https://book.example.org:8443/a/b?x=1&y=%20#slot");
    // Scheme and host are case-insensitive: kept in lower case, path as given.
    CHECK(kept("HTTPS://Example.ORG/Book") == "https://example.org/Book");
    for (const char* bad : {R"("http://example.org")",
                            R"x("javascript:alert(1)")x",
                            R"("JavaScript://x.org/%0a")",
                            R"("data:text/html,hi")",
                            R"("//example.org")",
                            R"("example.org")",
                            R"("https://")",
                            R"("https://user:pass@example.org")",
                            R"("https://user@example.org")",
                            R"("https://example.org\\@evil.org")",
                            R"("https://example.org/a b")",
                            R"("https://localhost/book")",
                            R"("https://127.0.0.1/")",
                            R"("https://[::1]/")",
                            R"("https://example.org:0/")",
                            R"("https://example.org:99999/")",
                            R"("https://example.org:80a/")",
                            R"("https://ex\u00e4mple.org/")",
                            R"("https://example.org/\"onmouseover=")",
                            R"("https://example.org/<script>")",
                            R"("https://example.org/\u0000")",
                            R"(" https://example.org")"}) {
      CAPTURE(bad);
      CHECK(Refused(member, bad));
    }
    CHECK(ErrorOf(member, R"("https://user:pass@example.org")") ==
          "contact." + std::string(member) + ": must not contain a user name or password");
    CHECK(ErrorOf(member, R"("http://example.org")") ==
          "contact." + std::string(member) + ": must be an https:// address");
    CHECK(ErrorOf(member, "\"https://example.org/" + std::string(481, 'a') + "\"") ==
          "contact." + std::string(member) + ": is longer than 500 characters");
  }
}

TEST_CASE("contact: wrong type, unknown members, repeats, and every problem at once") {
  CHECK(Lines(WithContact(R"("+15105550123")").errors) == Errors{"contact: expected an object"});
  CHECK(Lines(WithContact(R"({"fax":"+15105550123"})").errors) ==
        Errors{"contact.fax: unknown field"});
  CHECK(
      Lines(ValidateJson(PatchedProfileJson(R"({"contact":{"fax":"1"}})"), ValidationMode::kImport)
                .warnings) == Errors{"contact.fax: unknown field, skipped"});
  CHECK(Lines(WithContact(R"({"email":"a@b.org","email":"c@d.org"})").errors) ==
        Errors{"contact.email: appears more than once"});
  const Errors all = Lines(
      WithContact(
          R"({"phone":"123","email":"x","website":"http://a.org","booking_url":"https://u@a.org"})")
          .errors);
  REQUIRE(all.size() == 4);
  CHECK(all[0].rfind("contact.phone: ", 0) == 0);
  CHECK(all[1].rfind("contact.email: ", 0) == 0);
  CHECK(all[2].rfind("contact.website: ", 0) == 0);
  CHECK(all[3].rfind("contact.booking_url: ", 0) == 0);
}

TEST_CASE("the 422 of a bad contact names the first bad field's JSON path") {
  const ValidationOutcome outcome = WithContact(R"({"email":"ok@example.org","website":"x"})");
  const Error error = ValidationFailure(outcome.errors);
  CHECK(error.status == 422);
  CHECK(error.field == "contact.website");
}

}  // namespace
}  // namespace rapport
