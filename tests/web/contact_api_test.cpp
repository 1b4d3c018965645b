// Contact through the real server: the editor API normalises and refuses
// per field (422 naming the JSON path, nothing stored), the public profile
// and every search hit carry it as the sample file has it, it is not
// searchable, and /api/v1/directory says how to reach the directory itself.
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "editor_test_support.h"
#include "web_test_util.h"

namespace rapport {
namespace {

using namespace rapport::testing;

std::string ProfileWithContact(const std::string& id, const std::string& contact) {
  return R"({"id":")" + id +
         R"(","name":"Quillon Contactable","profession":"counselor","contact":)" + contact + "}";
}

// The contact members of every profile in data/sample/profiles.ndjson, by id,
// read straight from the file (absent: no entry).
std::map<std::string, std::string> SampleContacts() {
  std::map<std::string, std::string> contacts;
  std::ifstream sample(SourcePath("data/sample/profiles.ndjson"));
  for (std::string line; std::getline(sample, line);) {
    rapidjson::Document doc;
    doc.Parse(line.c_str());
    REQUIRE(doc.IsObject());
    if (!doc.HasMember("contact")) continue;
    std::string flat;
    for (const auto& member : doc["contact"].GetObject()) {
      flat += std::string(member.name.GetString()) + "=" + member.value.GetString() + ";";
    }
    contacts[doc["id"].GetString()] = flat;
  }
  return contacts;
}

std::string Flat(const rapidjson::Value& contact) {
  std::string flat;
  for (const auto& member : contact.GetObject()) {
    flat += std::string(member.name.GetString()) + "=" + member.value.GetString() + ";";
  }
  return flat;
}

TEST_CASE("editor API: contact is normalised on create, shown publicly, and changes are history") {
  EditorDataDir data(3);
  ServerProcess server(data.path);
  const int port = server.port();
  const Session session = Login(port, kEditorEmail);

  HttpResult created = EditorRequest(
      port, session, "POST", "/api/v1/therapists",
      ProfileWithContact("t-contact",
                         R"({"phone":"510.555.0142","email":"q@zebrafinch.example.org",)"
                         R"("website":"HTTPS://Zebrafinch.Example.org/Quillon",)"
                         R"("booking_url":"https://zebrafinch.example.org/book?who=q"})"));
  REQUIRE_MESSAGE(created.status == 201, created.body);
  CHECK(WaitSearchable(port, "quillon", "t-contact").count() <= 1000);
  HttpResult read = Get(port, "/api/v1/therapists/t-contact");
  REQUIRE(read.status == 200);
  rapidjson::Document profile = Json(read.body);
  REQUIRE(profile.HasMember("contact"));
  CHECK(Flat(profile["contact"]) ==
        "phone=+15105550142;email=q@zebrafinch.example.org;"
        "website=https://zebrafinch.example.org/Quillon;booking_url=https://zebrafinch.example.org/"
        "book?who=q;");

  // A search hit carries the same contact; contact text itself finds nothing.
  rapidjson::Document hits = Json(Get(port, "/api/v1/search?q=quillon").body);
  REQUIRE(hits["results"].Size() == 1);
  CHECK(Flat(hits["results"][0]["contact"]) == Flat(profile["contact"]));
  for (const char* contact_text : {"5105550142", "zebrafinch", "q%40zebrafinch.example.org"}) {
    CAPTURE(contact_text);
    CHECK(Json(Get(port, std::string("/api/v1/search?q=") + contact_text).body)["total"] == 0);
  }

  // Sent back as read with another phone: one update naming "contact".
  profile["contact"]["phone"].SetString("+1 (212) 555-0199", profile.GetAllocator());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  profile.Accept(writer);
  HttpResult put = EditorRequest(port, session, "PUT", "/api/v1/therapists/t-contact",
                                 buffer.GetString(), {{"If-Match", read.Header("etag")}});
  REQUIRE_MESSAGE(put.status == 200, put.body);
  CHECK(std::string(Json(put.body)["contact"]["phone"].GetString()) == "+12125550199");
  rapidjson::Document history =
      Json(EditorRequest(port, session, "GET", "/api/v1/therapists/t-contact/history").body);
  REQUIRE(history["revisions"].Size() == 2);
  // The store's updated_at stamp is listed too when the write fell in a later
  // second than the create; of the content, only contact changed.
  std::vector<std::string> changed_content;
  for (const auto& name : history["revisions"][0]["changed_fields"].GetArray()) {
    if (std::string(name.GetString()) != "updated_at")
      changed_content.emplace_back(name.GetString());
  }
  CHECK(changed_content == std::vector<std::string>{"contact"});
}

TEST_CASE("editor API: each contact rule is a 422 naming its JSON path, and nothing is stored") {
  EditorDataDir data(3);
  ServerProcess server(data.path);
  const int port = server.port();
  const Session session = Login(port, kEditorEmail);
  const std::pair<const char*, const char*> cases[] = {
      {R"({"phone":"(123) 456-7890"})", "contact.phone"},
      {R"({"phone":"020 7946 0958"})", "contact.phone"},
      {R"({"phone":"+999 1234 5678"})", "contact.phone"},
      {R"({"phone":"(510) 555-0142 x12"})", "contact.phone"},
      {R"({"phone":5105550142})", "contact.phone"},
      {R"({"email":"not an address"})", "contact.email"},
      {R"({"email":"a@localhost"})", "contact.email"},
      {R"({"website":"http://zebrafinch.example.org"})", "contact.website"},
      {R"x({"website":"javascript:alert(document.cookie)"})x", "contact.website"},
      {R"({"website":"https://user:secret@zebrafinch.example.org"})", "contact.website"},
      {R"({"booking_url":"https://zebrafinch.example.org\\@evil.example"})", "contact.booking_url"},
      {R"({"booking_url":"data:text/html,<b>hi</b>"})", "contact.booking_url"},
      {R"({"booking_url":"https://10.0.0.1/book"})", "contact.booking_url"},
      {R"({"fax":"+15105550142"})", "contact.fax"},
      {R"("+15105550142")", "contact"},
  };
  for (const auto& [contact, field] : cases) {
    CAPTURE(contact);
    HttpResult answer = EditorRequest(port, session, "POST", "/api/v1/therapists",
                                      ProfileWithContact("t-refused", contact));
    CheckError(answer, 422, "validation_failed", field);
    CHECK(Get(port, "/api/v1/therapists/t-refused").status == 404);
  }
  // Over-long values name their field too.
  CheckError(EditorRequest(port, session, "POST", "/api/v1/therapists",
                           ProfileWithContact("t-refused", R"({"website":"https://a.org/)" +
                                                               std::string(500, 'a') + "\"}")),
             422, "validation_failed", "contact.website");
}

TEST_CASE("public API: profiles and search hits carry contact exactly as the sample file has it") {
  const int port = SharedServer().port();
  const std::map<std::string, std::string> expected = SampleContacts();
  rapidjson::Document page = Json(Get(port, "/api/v1/search?limit=100").body);
  REQUIRE(page["results"].Size() == 100);
  int with = 0, without = 0;
  for (const auto& hit : page["results"].GetArray()) {
    const std::string id = hit["id"].GetString();
    CAPTURE(id);
    REQUIRE(hit.HasMember("contact"));
    const auto it = expected.find(id);
    if (it == expected.end()) {
      CHECK(hit["contact"].IsNull());
      ++without;
      continue;
    }
    CHECK(Flat(hit["contact"]) == it->second);
    ++with;
    if (with <= 3) {
      rapidjson::Document profile = Json(Get(port, "/api/v1/therapists/" + id).body);
      CHECK(Flat(profile["contact"]) == it->second);
    }
  }
  CHECK(with > 0);
  CHECK(without > 0);
}

TEST_CASE("/api/v1/directory: the configured contact, a default, bad flags refused") {
  rapidjson::Document fallback = Json(Get(SharedServer().port(), "/api/v1/directory").body);
  CHECK(std::string(fallback["contact"]["email"].GetString()) == "help@rapport.example");
  CHECK_FALSE(fallback["contact"].HasMember("website"));
  CheckError(Get(SharedServer().port(), "/api/v1/directory?x=1"), 400, "invalid_parameter", "x");

  ServerProcess configured(SampleDataDir(),
                           {"--directory-contact-email", "care@directory.example.org",
                            "--directory-contact-url", "HTTPS://Directory.Example.org/contact"});
  HttpResult answer = Get(configured.port(), "/api/v1/directory");
  REQUIRE(answer.status == 200);
  CHECK(!answer.Header("etag").empty());
  CHECK(answer.body == R"({"contact":{"email":"care@directory.example.org",)"
                       R"("website":"https://directory.example.org/contact"}})");

  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"--directory-contact-email", "nobody"},
        std::vector<std::string>{"--directory-contact-url", "http://directory.example.org"},
        std::vector<std::string>{"--directory-contact-url", "javascript:alert(1)"}}) {
    CAPTURE(bad[1]);
    std::vector<std::string> argv = {CommandPath("rapport-server"), "--data-dir", SampleDataDir(),
                                     "--port", std::to_string(FreeLoopbackPort())};
    argv.insert(argv.end(), bad.begin(), bad.end());
    const CommandOutput refused = RunCommand(argv);
    CHECK(refused.exit_code != 0);
    CHECK(refused.err.find(bad[0]) != std::string::npos);
  }
}

}  // namespace
}  // namespace rapport
