// `rapport-index import` with contact: phones stored as E.164, a bad contact
// member reported as "FILE:LINE: contact.<member>: reason" and the line
// skipped, an unknown contact member skipped with a warning.
#include <doctest/doctest.h>

#include "profile_store.h"
#include "store_test_support.h"
#include "test_support.h"

namespace rapport {
namespace {

using testing::CommandPath;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFile;

TEST_CASE("import keeps contact normalised and rejects a bad one by its field path") {
  TempDir dir;
  const std::string file = dir.File("contact.ndjson");
  WriteFile(
      file,
      R"({"id":"a","name":"Ann","profession":"mft","contact":{"phone":"(510) 555-0142",)"
      R"("email":"ann@example.org","website":"HTTPS://Ann.Example.org/","booking_url":)"
      R"("https://ann.example.org/book"}})"
      "\n"
      R"({"id":"b","name":"Bo","profession":"mft","contact":{"phone":"(123) 456-7890"}})"
      "\n"
      R"x({"id":"c","name":"Cy","profession":"mft","contact":{"website":"javascript:alert(1)"}})x"
      "\n"
      R"({"id":"d","name":"Di","profession":"mft","contact":{"fax":"1","email":"d@d.org"}})"
      "\n");
  const auto result = RunCommand({CommandPath("rapport-index"), "--data-dir", dir.File("data"),
                                  "--data-files", testing::StoreFixtureDir(), "import", file});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find(file + ":2: contact.phone: is not a valid US (NANP) number") == 0);
  CHECK(result.err.find(file + ":3: contact.website: must be an https:// address\n") !=
        std::string::npos);
  CHECK(result.err.find(file + ":4: warning: contact.fax: unknown field, skipped\n") !=
        std::string::npos);
  CHECK(result.out.find("2 created, 0 updated, 0 unchanged, 2 rejected") != std::string::npos);

  auto store = ProfileStore::Open(dir.File("data/rapport.sqlite"));
  REQUIRE(store.ok());
  auto ann = store.value()->Get("a");
  REQUIRE(ann.ok());
  REQUIRE(ann.value().profile.contact.has_value());
  const Contact& contact = *ann.value().profile.contact;
  CHECK(contact.phone == "+15105550142");
  CHECK(contact.email == "ann@example.org");
  CHECK(contact.website == "https://ann.example.org/");
  CHECK(contact.booking_url == "https://ann.example.org/book");
  CHECK(ann.value().json.find(R"("contact":{"phone":"+15105550142",)") != std::string::npos);
  auto di = store.value()->Get("d");
  REQUIRE(di.ok());
  CHECK(di.value().json.find(R"("contact":{"email":"d@d.org"})") != std::string::npos);
  for (const char* rejected : {"b", "c"}) CHECK_FALSE(store.value()->Get(rejected).ok());
}

}  // namespace
}  // namespace rapport
