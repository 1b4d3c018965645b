// Implementation of the editor test helpers (editor_test_support.h).
#include "editor_test_support.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rapport::testing {

EditorDataDir::EditorDataDir(int profiles) : path(temp.File("data")) {
  std::ifstream sample(SourcePath("data/sample/profiles.ndjson"));
  std::string line, subset;
  for (int i = 0; i < profiles && std::getline(sample, line); ++i) {
    subset += line + "\n";
    ids.push_back(Json(line)["id"].GetString());
  }
  CopyPreparedDataDir(subset, path);
  const std::string admin = CommandPath("rapport-admin");
  for (const auto& [email, role] : {std::pair{kAdminEmail, "admin"}, {kEditorEmail, "editor"}}) {
    CommandOutput created = RunCommand(
        {admin, "--data-dir", path, "editors", "create", "--email", email, "--role", role},
        std::string(kEditorPassword) + "\n");
    if (created.exit_code != 0) throw std::runtime_error("editors create failed: " + created.err);
  }
}

ScopedEnv::ScopedEnv(std::map<std::string, std::string> values) : values_(std::move(values)) {
  for (const auto& [name, value] : values_) setenv(name.c_str(), value.c_str(), 1);
}

ScopedEnv::~ScopedEnv() {
  for (const auto& entry : values_) unsetenv(entry.first.c_str());
}

Session Login(int port, const std::string& email, const std::string& password) {
  const std::string body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
  HttpResult answer =
      Request(port, "POST", "/api/v1/session", {{"Content-Type", "application/json"}}, body);
  REQUIRE(answer.status == 200);
  Session session;
  const std::string set_cookie = answer.Header("set-cookie");
  session.cookie = set_cookie.substr(0, set_cookie.find(';'));
  session.csrf = Json(answer.body)["csrf_token"].GetString();
  session.login_body = answer.body;
  return session;
}

HttpResult EditorRequest(int port, const Session& session, const std::string& method,
                         const std::string& target, const std::string& body,
                         std::map<std::string, std::string> headers) {
  if (!session.cookie.empty()) headers.emplace("Cookie", session.cookie);
  if (!session.csrf.empty()) headers.emplace("X-CSRF-Token", session.csrf);
  if (!body.empty()) headers.emplace("Content-Type", "application/json");
  return Request(port, method, target, headers, body);
}

rapidjson::Document Json(const std::string& body) {
  rapidjson::Document document;
  document.Parse(body.c_str(), body.size());
  if (document.HasParseError()) document.SetObject();
  return document;
}

std::chrono::milliseconds WaitSearchable(int port, const std::string& q, const std::string& id,
                                         bool present, std::chrono::milliseconds limit) {
  const auto start = std::chrono::steady_clock::now();
  while (true) {
    HttpResult answer = Get(port, "/api/v1/search?limit=100&q=" + UrlEncode(q));
    bool found = false;
    if (answer.status == 200) {
      rapidjson::Document document = Json(answer.body);
      if (document.HasMember("results")) {
        for (const auto& result : document["results"].GetArray()) {
          if (result["id"].GetString() == id) found = true;
        }
      }
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    if (found == present || waited >= limit) return waited;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace rapport::testing
