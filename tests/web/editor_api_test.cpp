// The editor API through the real server, a real SQLite file and index:
// the whole editing flow and every error the issue lists.
#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "editor_test_support.h"

namespace rapport {
namespace {

using namespace rapport::testing;

std::string Str(const rapidjson::Value& value, const char* name) {
  return value.HasMember(name) && value[name].IsString() ? value[name].GetString() : "";
}

std::string ErrorCode(const HttpResult& answer) {
  rapidjson::Document document = Json(answer.body);
  return document.HasMember("error") ? Str(document["error"], "code") : "";
}

// The count of `value` in facet `facet` for a search for `q`.
int FacetCount(int port, const std::string& q, const std::string& facet, const std::string& value) {
  HttpResult answer = Get(port, "/api/v1/search?q=" + UrlEncode(q) + "&facets=" + facet);
  rapidjson::Document document = Json(answer.body);
  if (!document.HasMember("facets") || !document["facets"].HasMember(facet.c_str())) return 0;
  for (const auto& entry : document["facets"][facet.c_str()].GetArray()) {
    if (Str(entry, "value") == value) return entry["count"].GetInt();
  }
  return 0;
}

}  // namespace

TEST_CASE("editor flow: log in, edit, search sees it, history, restore, unpublish, create") {
  EditorDataDir data;
  ServerProcess server(data.path);
  const int port = server.port();
  const std::string id = data.ids[0];
  const Session session = Login(port, kEditorEmail);
  CHECK(session.cookie.rfind("rapport_session=", 0) == 0);

  // The cookie's attributes.
  HttpResult login = Request(
      port, "POST", "/api/v1/session", {{"Content-Type", "application/json"}},
      std::string("{\"email\":\"") + kEditorEmail + "\",\"password\":\"" + kEditorPassword + "\"}");
  const std::string set_cookie = login.Header("set-cookie");
  CHECK(set_cookie.find("HttpOnly") != std::string::npos);
  CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(set_cookie.find("Path=/") != std::string::npos);
  // Secure by default: only --insecure-cookies (plain http on localhost) drops it.
  CHECK(set_cookie.find("; Secure") != std::string::npos);
  CHECK(Json(login.body)["editor"]["role"] == "editor");

  HttpResult whoami = EditorRequest(port, session, "GET", "/api/v1/session");
  CHECK(whoami.status == 200);
  CHECK(Str(Json(whoami.body), "csrf_token") == session.csrf);

  // Read, change the name (with SQL and HTML in it) and a facet value, send back as is.
  HttpResult read = Get(port, "/api/v1/therapists/" + id);
  REQUIRE(read.status == 200);
  const std::string etag = read.Header("etag");
  const std::string hostile = "Quokkaberg <script>alert(1)</script> '); DROP TABLE profiles;--";
  rapidjson::Document changed = Json(Renamed(read.body, hostile));
  const int before = FacetCount(port, "quokkaberg", "modality", "hypnotherapy");
  changed["modalities"].SetArray().PushBack("hypnotherapy", changed.GetAllocator());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  changed.Accept(writer);
  HttpResult put = EditorRequest(port, session, "PUT", "/api/v1/therapists/" + id,
                                 buffer.GetString(), {{"If-Match", etag}});
  REQUIRE(put.status == 200);
  CHECK(put.Header("etag") != etag);
  CHECK(Str(Json(put.body), "name") == hostile);

  // Searchable (and counted in facets) within a second of the acknowledgement.
  CHECK(WaitSearchable(port, "quokkaberg", id).count() <= 1000);
  CHECK(FacetCount(port, "quokkaberg", "modality", "hypnotherapy") == before + 1);
  HttpResult stored = Get(port, "/api/v1/therapists/" + id);
  CHECK(Str(Json(stored.body), "name") == hostile);

  // History: who, when, which fields.
  HttpResult history = EditorRequest(port, session, "GET", "/api/v1/therapists/" + id + "/history");
  REQUIRE(history.status == 200);
  rapidjson::Document revisions = Json(history.body);
  REQUIRE(revisions["revisions"].Size() == 2);
  const auto& newest = revisions["revisions"][0];
  CHECK(Str(newest, "actor") == kEditorEmail);
  CHECK(Str(newest, "action") == "update");
  CHECK_FALSE(Str(newest, "at").empty());
  std::vector<std::string> fields;
  for (const auto& field : newest["changed_fields"].GetArray()) fields.push_back(field.GetString());
  CHECK(std::find(fields.begin(), fields.end(), "name") != fields.end());
  CHECK(std::find(fields.begin(), fields.end(), "modalities") != fields.end());

  // Restore version 1: the old name is back and the new one leaves search.
  HttpResult restored = EditorRequest(port, session, "POST",
                                      "/api/v1/therapists/" + id + "/restore", "{\"version\":1}");
  REQUIRE(restored.status == 200);
  CHECK(restored.Header("etag") == "\"3\"");
  CHECK(WaitSearchable(port, "quokkaberg", id, false).count() <= 1000);
  const std::string old_name = Str(Json(read.body), "name");
  CHECK(WaitSearchable(port, "\"" + old_name + "\"", id).count() <= 1000);

  // Unpublish: hidden from search and the public API, still there for editors.
  HttpResult hidden = EditorRequest(port, session, "DELETE", "/api/v1/therapists/" + id, "",
                                    {{"If-Match", "\"3\""}});
  REQUIRE(hidden.status == 200);
  CHECK(Str(Json(hidden.body), "status") == "unpublished");
  CHECK(WaitSearchable(port, "\"" + old_name + "\"", id, false).count() <= 1000);
  CHECK(Get(port, "/api/v1/therapists/" + id).status == 404);
  HttpResult editor_view = EditorRequest(port, session, "GET", "/api/v1/editor/therapists/" + id);
  CHECK(editor_view.status == 200);
  CHECK(Str(Json(editor_view.body), "status") == "unpublished");

  // Create a new profile; a second create of the same id is a conflict.
  const std::string fresh =
      R"({"id":"t-new-editor","name":"Wombatina Fresh","profession":"counselor",)"
      R"("modalities":["cbt"],"accepting_new_clients":true})";
  HttpResult created = EditorRequest(port, session, "POST", "/api/v1/therapists", fresh);
  REQUIRE(created.status == 201);
  CHECK(created.Header("etag") == "\"1\"");
  CHECK(created.Header("location") == "/api/v1/therapists/t-new-editor");
  CHECK(EditorRequest(port, session, "POST", "/api/v1/therapists", fresh).status == 409);
  CHECK(WaitSearchable(port, "wombatina", "t-new-editor").count() <= 1000);

  // Freshness actions, and the stale list they empty.
  HttpResult stale = EditorRequest(port, session, "GET", "/api/v1/editor/stale?days=90");
  REQUIRE(stale.status == 200);
  bool listed = false;
  const rapidjson::Document stale_list = Json(stale.body);
  for (const auto& entry : stale_list["results"].GetArray()) {
    if (Str(entry, "id") == "t-new-editor") listed = true;
  }
  CHECK(listed);  // never verified
  HttpResult verified =
      EditorRequest(port, session, "POST", "/api/v1/therapists/t-new-editor/verify");
  REQUIRE(verified.status == 200);
  CHECK_FALSE(Str(Json(verified.body), "verified_at").empty());
  stale = EditorRequest(port, session, "GET", "/api/v1/editor/stale?days=90&limit=1000");
  CHECK(stale.body.find("t-new-editor") == std::string::npos);
  HttpResult confirmed =
      EditorRequest(port, session, "POST", "/api/v1/therapists/t-new-editor/confirm-availability",
                    "{\"accepting_new_clients\":false}");
  REQUIRE(confirmed.status == 200);
  CHECK(Json(confirmed.body)["accepting_new_clients"] == false);
  CHECK_FALSE(Str(Json(confirmed.body), "availability_confirmed_at").empty());
  CHECK(EditorRequest(port, session, "GET", "/api/v1/editor/stale?days=0").status == 400);

  // Log out: the cookie no longer works.
  HttpResult logout = EditorRequest(port, session, "DELETE", "/api/v1/session");
  CHECK(logout.status == 204);
  CHECK(logout.Header("set-cookie").find("Max-Age=0") != std::string::npos);
  CHECK(EditorRequest(port, session, "GET", "/api/v1/session").status == 401);
}

TEST_CASE("editor API errors: 401, 403 CSRF, 403 role, 413, 422, 412, 428, 429") {
  EditorDataDir data;
  ScopedEnv env({{"RAPPORT_BATCH_MAX_LINES", "3"},
                 {"RAPPORT_LOGIN_FREE_FAILURES_PER_ACCOUNT", "3"},
                 {"RAPPORT_LOGIN_FIRST_DELAY_MS", "60000"}});
  ServerProcess server(data.path, {"--max-body-bytes", "65536"});
  const int port = server.port();
  const std::string id = data.ids[1];
  const std::string target = "/api/v1/therapists/" + id;
  const Session session = Login(port, kEditorEmail);
  HttpResult read = Get(port, target);
  const std::string body = Renamed(read.body, "Changed Name");

  // Not logged in.
  HttpResult anonymous = Request(
      port, "PUT", target, {{"Content-Type", "application/json"}, {"If-Match", "\"1\""}}, body);
  CHECK(anonymous.status == 401);
  CHECK(ErrorCode(anonymous) == "unauthorized");
  Session forged{"rapport_session=rps_forged", session.csrf, ""};
  CHECK(EditorRequest(port, forged, "PUT", target, body, {{"If-Match", "\"1\""}}).status == 401);

  // CSRF: missing or wrong token on a state change; reads need none.
  Session no_csrf{session.cookie, "", ""};
  HttpResult missing = EditorRequest(port, no_csrf, "PUT", target, body, {{"If-Match", "\"1\""}});
  CHECK(missing.status == 403);
  CHECK(ErrorCode(missing) == "csrf_failed");
  Session wrong_csrf{session.cookie, "not-the-token", ""};
  CHECK(EditorRequest(port, wrong_csrf, "PUT", target, body, {{"If-Match", "\"1\""}}).status ==
        403);
  CHECK(EditorRequest(port, no_csrf, "GET", target + "/history").status == 200);

  // Role: an editor may not run bulk edits.
  HttpResult batch = EditorRequest(port, session, "POST", "/api/v1/therapists:batch", "{}",
                                   {{"Content-Type", "application/x-ndjson"}});
  CHECK(batch.status == 403);
  CHECK(ErrorCode(batch) == "forbidden");

  // Too large: the body limit, and the batch line limit.
  const Session admin = Login(port, kAdminEmail);
  HttpResult huge =
      EditorRequest(port, session, "PUT", target, std::string(70000, ' '), {{"If-Match", "\"1\""}});
  CHECK(huge.status == 413);
  std::string four_lines;
  for (int i = 0; i < 4; ++i)
    four_lines += R"({"id":"t-b)" + std::to_string(i) +
                  R"(","name":"B","profession":"counselor"})"
                  "\n";
  CHECK(EditorRequest(port, admin, "POST", "/api/v1/therapists:batch", four_lines,
                      {{"Content-Type", "application/x-ndjson"}})
            .status == 413);

  // Validation: every problem at once, first field named.
  HttpResult invalid = EditorRequest(
      port, session, "PUT", target,
      R"({"id":")" + id +
          R"(","name":"","profession":"wizard","fee":{"min":200,"max":100},"colour":"red"})",
      {{"If-Match", "\"1\""}});
  REQUIRE(invalid.status == 422);
  rapidjson::Document problems = Json(invalid.body);
  CHECK(Str(problems["error"], "code") == "validation_failed");
  CHECK(Str(problems["error"], "field") == Str(problems["error"]["details"][0], "field"));
  std::vector<std::string> fields;
  for (const auto& detail : problems["error"]["details"].GetArray())
    fields.push_back(Str(detail, "field"));
  for (const char* field : {"name", "profession", "fee.min", "colour"}) {
    CHECK_MESSAGE(std::find(fields.begin(), fields.end(), field) != fields.end(), field);
  }
  CHECK(EditorRequest(port, session, "PUT", target, "{not json", {{"If-Match", "\"1\""}}).status ==
        400);
  // A body whose id differs from the path.
  CHECK(EditorRequest(port, session, "PUT", "/api/v1/therapists/" + data.ids[2], body,
                      {{"If-Match", "\"1\""}})
            .status == 422);

  // If-Match: missing 428, "*" 428, stale 412 with the current version, unknown id 404.
  CHECK(EditorRequest(port, session, "PUT", target, body).status == 428);
  CHECK(EditorRequest(port, session, "PUT", target, body, {{"If-Match", "*"}}).status == 428);
  CHECK(EditorRequest(port, session, "PUT", target, body, {{"If-Match", "\"1\""}}).status == 200);
  HttpResult stale = EditorRequest(port, session, "PUT", target, Renamed(read.body, "Other Name"),
                                   {{"If-Match", "\"1\""}});
  CHECK(stale.status == 412);
  CHECK(Json(stale.body)["error"]["current_version"] == 2);
  CHECK(stale.Header("etag") == "\"2\"");
  CHECK(EditorRequest(port, session, "PUT", "/api/v1/therapists/t-nope", body,
                      {{"If-Match", "\"1\""}})
            .status == 404);

  // Login throttling: wrong passwords, then even the right one waits out the delay.
  for (int i = 0; i < 3; ++i) {
    HttpResult wrong =
        Request(port, "POST", "/api/v1/session", {{"Content-Type", "application/json"}},
                std::string("{\"email\":\"") + kAdminEmail + "\",\"password\":\"nope nope nope\"}");
    CHECK(wrong.status == 401);
  }
  HttpResult throttled = Request(
      port, "POST", "/api/v1/session", {{"Content-Type", "application/json"}},
      std::string("{\"email\":\"") + kAdminEmail + "\",\"password\":\"" + kEditorPassword + "\"}");
  CHECK(throttled.status == 429);
  CHECK_FALSE(throttled.Header("retry-after").empty());
}

TEST_CASE("--insecure-cookies (plain http on localhost) drops Secure from the session cookie") {
  EditorDataDir data(2);
  ServerProcess server(data.path, {"--insecure-cookies"});
  HttpResult login = Request(
      server.port(), "POST", "/api/v1/session", {{"Content-Type", "application/json"}},
      std::string("{\"email\":\"") + kEditorEmail + "\",\"password\":\"" + kEditorPassword + "\"}");
  REQUIRE(login.status == 200);
  CHECK(login.Header("set-cookie").find("HttpOnly") != std::string::npos);
  CHECK(login.Header("set-cookie").find("Secure") == std::string::npos);
}

TEST_CASE("unknown emails get the same answer as wrong passwords") {
  EditorDataDir data(2);
  ServerProcess server(data.path);
  auto attempt = [&](const std::string& email) {
    return Request(server.port(), "POST", "/api/v1/session", {{"Content-Type", "application/json"}},
                   "{\"email\":\"" + email + "\",\"password\":\"wrong password here\"}");
  };
  HttpResult known = attempt(kEditorEmail);
  HttpResult unknown = attempt("nobody@example.org");
  CHECK(known.status == 401);
  CHECK(unknown.status == 401);
  CHECK(known.body == unknown.body);
}

TEST_CASE("sessions expire after the configured idle time, disabling an editor ends them") {
  EditorDataDir data(2);
  ScopedEnv env(std::map<std::string, std::string>{{"RAPPORT_SESSION_IDLE_TIMEOUT_S", "1"}});
  ServerProcess server(data.path);
  const int port = server.port();
  const Session session = Login(port, kEditorEmail);
  CHECK(EditorRequest(port, session, "GET", "/api/v1/session").status == 200);
  // Poll until the idle limit has passed since that request (bounded).
  const auto start = std::chrono::steady_clock::now();
  HttpResult answer;
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    answer = EditorRequest(port, session, "GET", "/api/v1/editor/stale");
  } while (answer.status == 200 &&
           std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  CHECK(answer.status == 401);
  CHECK(ErrorCode(answer) == "session_expired");

  // A fresh session of the editor, then an admin disables them: it ends at once.
  const Session again = Login(port, kEditorEmail);
  CHECK(EditorRequest(port, again, "GET", "/api/v1/session").status == 200);
  CHECK(Admin(data.path, {"editors", "disable", kEditorEmail}).exit_code == 0);
  CHECK(EditorRequest(port, again, "GET", "/api/v1/session").status == 401);
}

TEST_CASE("bearer tokens work without CSRF, batch edits report per line, no hash ever leaks") {
  EditorDataDir data(5);
  ServerProcess server(data.path);
  const int port = server.port();
  CommandOutput token_out =
      Admin(data.path, {"tokens", "create", "--email", kAdminEmail, "--name", "sync"});
  REQUIRE(token_out.exit_code == 0);
  const std::string token = token_out.out.substr(0, token_out.out.find('\n'));
  const std::map<std::string, std::string> bearer = {{"Authorization", "Bearer " + token},
                                                     {"Content-Type", "application/x-ndjson"}};
  const std::string ndjson =
      R"({"id":"t-batch-1","name":"Batchy One","profession":"counselor"})"
      "\n"
      "not json\n"
      "\n"
      R"({"id":"t-batch-2","name":"","profession":"counselor"})"
      "\n"
      R"({"id":"t-batch-3","name":"Batchy Three","profession":"mft","extra":1})"
      "\n";
  HttpResult batch = Request(port, "POST", "/api/v1/therapists:batch", bearer, ndjson);
  REQUIRE(batch.status == 200);
  rapidjson::Document results = Json(batch.body);
  REQUIRE(results["results"].Size() == 4);
  CHECK(Str(results["results"][0], "result") == "created");
  CHECK(results["results"][1]["line"] == 2);
  CHECK(Str(results["results"][1], "result") == "invalid");
  CHECK(results["results"][2]["line"] == 4);
  CHECK(Str(results["results"][2], "result") == "invalid");
  CHECK(Str(results["results"][3], "result") == "created");
  CHECK(results["results"][3].HasMember("warnings"));
  CHECK(results["created"] == 2);
  CHECK(results["invalid"] == 2);
  CHECK(WaitSearchable(port, "batchy", "t-batch-3").count() <= 1000);
  // Same batch again: unchanged.
  HttpResult again = Request(port, "POST", "/api/v1/therapists:batch", bearer, ndjson);
  CHECK(Json(again.body)["unchanged"] == 2);

  // Revoked: refused.
  CommandOutput list = Admin(data.path, {"tokens", "list"});
  CHECK(Admin(data.path, {"tokens", "revoke", list.out.substr(0, list.out.find('\t'))}).exit_code ==
        0);
  CHECK(Request(port, "POST", "/api/v1/therapists:batch", bearer, ndjson).status == 401);

  // Nothing the server said or logged contains a password or its hash.
  const Session session = Login(port, kAdminEmail);
  std::string everything = session.login_body + batch.body + again.body + server.Log() +
                           EditorRequest(port, session, "GET", "/api/v1/session").body +
                           Admin(data.path, {"editors", "list"}).out;
  CHECK(everything.find("argon2") == std::string::npos);
  CHECK(everything.find(kEditorPassword) == std::string::npos);
}

TEST_CASE("bodies that are not UTF-8 are refused and answers quote little, in valid UTF-8") {
  // Found by tests/fuzz/profile_json_fuzz and profile_batch_fuzz: a field name
  // in invalid UTF-8 came back inside the 422 (and the :batch warnings) as is,
  // so the answer was not valid JSON; and unknown names and values were quoted
  // whole, however long.
  EditorDataDir data(5);
  ServerProcess server(data.path);
  const int port = server.port();
  CommandOutput token_out =
      Admin(data.path, {"tokens", "create", "--email", kAdminEmail, "--name", "utf8"});
  REQUIRE(token_out.exit_code == 0);
  const std::string bearer = "Bearer " + token_out.out.substr(0, token_out.out.find('\n'));
  auto valid_utf8_json = [](const std::string& text) {
    rapidjson::Document document;
    document.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
    return !document.HasParseError();
  };
  const std::map<std::string, std::string> json = {{"Authorization", bearer},
                                                   {"Content-Type", "application/json"}};
  const std::string not_utf8 =
      R"({"id":"t-utf","name":"Una Tef","profession":"counselor","bad\xff":1})";
  HttpResult created = Request(port, "POST", "/api/v1/therapists", json, not_utf8);
  CHECK(created.status == 400);
  CHECK(ErrorCode(created) == "invalid_json");
  CHECK(valid_utf8_json(created.body));

  HttpResult batch = Request(port, "POST", "/api/v1/therapists:batch",
                             {{"Authorization", bearer}, {"Content-Type", "application/x-ndjson"}},
                             not_utf8 + "\n");
  REQUIRE(batch.status == 200);
  CHECK(valid_utf8_json(batch.body));
  CHECK(Json(batch.body)["invalid"] == 1);

  const std::string long_name(5000, 'x'), long_value(5000, 'y');
  HttpResult quoted =
      Request(port, "POST", "/api/v1/therapists", json,
              R"({"id":"t-long","name":"Lo Ng","profession":"counselor","modalities":[")" +
                  long_value + R"("],")" + long_name + R"(":1})");
  CHECK(quoted.status == 422);
  CHECK(valid_utf8_json(quoted.body));
  CHECK(quoted.body.find(std::string(100, 'x')) == std::string::npos);
  CHECK(quoted.body.find(std::string(100, 'y')) == std::string::npos);
  CHECK(quoted.body.size() < 1000);
}

}  // namespace rapport

namespace rapport {
namespace {

using namespace rapport::testing;

std::vector<std::string> StaleIds(const rapidjson::Document& page) {
  std::vector<std::string> ids;
  for (const auto& entry : page["results"].GetArray()) ids.push_back(entry["id"].GetString());
  return ids;
}

}  // namespace

TEST_CASE("stale list: the true total, pages by limit and offset, 400 on bad paging") {
  constexpr int kPage = 3;
  EditorDataDir data;
  ServerProcess server(data.path);
  const int port = server.port();
  const Session session = Login(port, kEditorEmail);
  const std::string base = "/api/v1/editor/stale?days=90";

  HttpResult whole = EditorRequest(port, session, "GET", base + "&limit=1000");
  REQUIRE(whole.status == 200);
  const std::vector<std::string> before = StaleIds(Json(whole.body));
  REQUIRE(before.size() > 2 * kPage);
  REQUIRE(Json(whole.body).HasMember("total"));
  CHECK(Json(whole.body)["total"].GetInt64() == static_cast<int64_t>(before.size()));
  // A first page smaller than the list still counts the whole list.
  HttpResult first = EditorRequest(port, session, "GET", base + "&limit=1");
  CHECK(Json(first.body)["total"].GetInt64() == static_cast<int64_t>(before.size()));

  // Verifying one takes it off the list and the total.
  REQUIRE(
      EditorRequest(port, session, "POST", "/api/v1/therapists/" + before[0] + "/verify").status ==
      200);
  whole = EditorRequest(port, session, "GET", base + "&limit=1000");
  const rapidjson::Document all = Json(whole.body);
  const std::vector<std::string> every = StaleIds(all);
  CHECK(every == std::vector<std::string>(before.begin() + 1, before.end()));
  CHECK(all["total"].GetInt64() == static_cast<int64_t>(every.size()));

  // Pages of kPage: each says the same total and together they are the list.
  std::vector<std::string> paged;
  for (size_t offset = 0; offset < every.size() + kPage; offset += kPage) {
    HttpResult answer = EditorRequest(
        port, session, "GET",
        base + "&limit=" + std::to_string(kPage) + "&offset=" + std::to_string(offset));
    REQUIRE(answer.status == 200);
    const rapidjson::Document page = Json(answer.body);
    REQUIRE(page.HasMember("limit"));
    REQUIRE(page.HasMember("offset"));
    CHECK(page["total"].GetInt64() == static_cast<int64_t>(every.size()));
    CHECK(page["limit"].GetInt() == kPage);
    CHECK(page["offset"].GetInt() == static_cast<int>(offset));
    CHECK(page["results"].Size() <= static_cast<rapidjson::SizeType>(kPage));
    for (const auto& id : StaleIds(page)) paged.push_back(id);
  }
  CHECK(paged == every);

  for (const char* bad : {"&offset=-1", "&offset=x", "&offset=", "&offset=1000001", "&limit=0",
                          "&limit=1001", "&offset=99999999999"}) {
    CAPTURE(bad);
    HttpResult answer = EditorRequest(port, session, "GET", base + bad);
    CHECK(answer.status == 400);
    const rapidjson::Document error = Json(answer.body);
    REQUIRE(error.HasMember("error"));
    REQUIRE(error["error"].HasMember("field"));
    CHECK(std::string(error["error"]["field"].GetString()) ==
          (std::string(bad).find("offset") != std::string::npos ? "offset" : "limit"));
  }
}

}  // namespace rapport
