// Editors saving the same profile at the same moment through the real
// server: exactly one wins, the other gets 412 and nothing is overwritten;
// and every acknowledged write answers the version it created.
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "editor_test_support.h"

namespace rapport {

using namespace rapport::testing;

TEST_CASE("concurrent edits of one profile: one wins, the other gets 412") {
  EditorDataDir data(3);
  ServerProcess server(data.path);
  const int port = server.port();
  const std::string id = data.ids[0];
  const std::string target = "/api/v1/therapists/" + id;
  const Session first = Login(port, kEditorEmail);
  const Session second = Login(port, kAdminEmail);
  constexpr int kRounds = 6;

  for (int round = 0; round < kRounds; ++round) {
    HttpResult read = EditorRequest(port, first, "GET", "/api/v1/editor/therapists/" + id);
    REQUIRE(read.status == 200);
    const std::string etag = read.Header("etag");
    const std::string mine = "Firstname Round" + std::to_string(round);
    const std::string theirs = "Secondname Round" + std::to_string(round);
    HttpResult answers[2];
    std::thread one([&] {
      answers[0] =
          EditorRequest(port, first, "PUT", target, Renamed(read.body, mine), {{"If-Match", etag}});
    });
    std::thread two([&] {
      answers[1] = EditorRequest(port, second, "PUT", target, Renamed(read.body, theirs),
                                 {{"If-Match", etag}});
    });
    one.join();
    two.join();
    const int won = answers[0].status == 200 ? 0 : 1;
    CHECK(answers[won].status == 200);
    CHECK(answers[1 - won].status == 412);
    HttpResult now = EditorRequest(port, first, "GET", "/api/v1/editor/therapists/" + id);
    CHECK(Json(now.body)["name"] == (won == 0 ? mine : theirs).c_str());
    CHECK(now.Header("etag") == "\"" + std::to_string(round + 2) + "\"");
  }
  HttpResult history = EditorRequest(port, first, "GET", target + "/history");
  CHECK(Json(history.body)["revisions"].Size() == kRounds + 1);
}

// One acknowledged (200) write: who sent it, the name the written version
// has, and the answer.
struct Acknowledged {
  std::string email;
  std::string name;
  std::string etag;
  std::string body;
};

TEST_CASE("every acknowledged write answers the version it created, never a later writer's") {
  EditorDataDir data(3);
  constexpr int kWriters = 6;
  constexpr int kWritesEach = 30;
  // An account per writer, so each revision's actor names the writer that made it.
  std::vector<std::string> emails;
  for (int writer = 0; writer < kWriters; ++writer) {
    emails.push_back("writer" + std::to_string(writer) + "@example.org");
    CommandOutput created =
        RunCommand({CommandPath("rapport-admin"), "--data-dir", data.path, "editors", "create",
                    "--email", emails.back(), "--role", "editor"},
                   std::string(kEditorPassword) + "\n");
    REQUIRE(created.exit_code == 0);
  }
  ServerProcess server(data.path);
  const int port = server.port();
  const std::string id = data.ids[0];
  const std::string target = "/api/v1/therapists/" + id;

  // Two versions of its own for every writer to restore in turn: a restore
  // always writes (nothing checks a version), so commits follow each other
  // back to back while the other writers race with If-Match.
  const Session setup = Login(port, kAdminEmail);
  std::vector<std::pair<int64_t, std::string>> bases;  // (version, name), two per writer
  for (int base = 0; base < 2 * kWriters; ++base) {
    HttpResult read = EditorRequest(port, setup, "GET", "/api/v1/editor/therapists/" + id);
    const std::string name = "Base Version" + std::to_string(base);
    HttpResult put = EditorRequest(port, setup, "PUT", target, Renamed(read.body, name),
                                   {{"If-Match", read.Header("etag")}});
    REQUIRE(put.status == 200);
    bases.emplace_back(std::stoll(put.Header("etag").substr(1)), name);
  }

  // Logged in one after the other: password checks are queued, not the point here.
  std::vector<Session> sessions;
  for (const std::string& email : emails) sessions.push_back(Login(port, email));
  std::mutex acknowledged_mutex;
  std::vector<Acknowledged> acknowledged;  // guarded by acknowledged_mutex
  std::vector<std::thread> writers;
  for (int writer = 0; writer < kWriters; ++writer) {
    writers.emplace_back([&, writer] {
      const Session& session = sessions[static_cast<size_t>(writer)];
      for (int write = 0; write < kWritesEach; ++write) {
        Acknowledged sent{emails[writer], "", "", ""};
        HttpResult answer;
        if (writer % 2 == 0) {
          HttpResult read = EditorRequest(port, session, "GET", "/api/v1/editor/therapists/" + id);
          sent.name = "Writer" + std::to_string(writer) + " Write" + std::to_string(write);
          answer = EditorRequest(port, session, "PUT", target, Renamed(read.body, sent.name),
                                 {{"If-Match", read.Header("etag")}});
        } else {
          // This writer's two bases alternate, so every restore changes the profile.
          const auto& [version, name] = bases[static_cast<size_t>(2 * writer + write % 2)];
          sent.name = name;
          answer = EditorRequest(port, session, "POST", target + "/restore",
                                 "{\"version\":" + std::to_string(version) + "}");
        }
        if (answer.status != 200) continue;
        sent.etag = answer.Header("etag");
        sent.body = answer.body;
        std::lock_guard<std::mutex> lock(acknowledged_mutex);
        acknowledged.push_back(std::move(sent));
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  REQUIRE(acknowledged.size() >= kWriters * kWritesEach / 2);

  const rapidjson::Document history =
      Json(EditorRequest(port, setup, "GET", target + "/history").body);
  std::map<std::string, const rapidjson::Value*> revisions;  // ETag → revision
  for (const auto& revision : history["revisions"].GetArray()) {
    revisions["\"" + std::to_string(revision["version"].GetInt64()) + "\""] = &revision;
  }
  for (const Acknowledged& ack : acknowledged) {
    CAPTURE(ack.email);
    CAPTURE(ack.name);
    CAPTURE(ack.etag);
    REQUIRE(revisions.count(ack.etag) == 1);
    const rapidjson::Value& revision = *revisions[ack.etag];
    CHECK(std::string(revision["actor"].GetString()) == ack.email);
    const rapidjson::Value& document = revision["document"];
    CHECK(std::string(document["name"].GetString()) == ack.name);
    const rapidjson::Document body = Json(ack.body);
    CHECK("\"" + std::to_string(body["version"].GetInt64()) + "\"" == ack.etag);
    for (const auto& field : document.GetObject()) {
      CAPTURE(field.name.GetString());
      REQUIRE(body.HasMember(field.name));
      CHECK(body[field.name] == field.value);
    }
  }
}

}  // namespace rapport
