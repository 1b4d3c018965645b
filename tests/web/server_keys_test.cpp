// Partner API keys and rate limits through rapport-admin and the real server:
// create, use, 429 with Retry-After, fixed filters, revoke, rotate, and the
// per-address limit for anonymous clients.
#include <set>
#include <sstream>

#include <doctest/doctest.h>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

std::string PrefixOf(const std::string& key) { return key.substr(3, key.find('_', 3) - 3); }

TEST_CASE("keys: create, use, list without secrets, revoke, rotate") {
  KeyedData data;
  const std::string key = CreateKey(data.path(), {"--partner", "acme", "--rate", "50/s"});
  ServerProcess server(data.path(), kNoClientLimits);
  HttpResult keyed = Get(server.port(), "/api/v1/search?q=anxiety", Bearer(key));
  CHECK(keyed.status == 200);
  CHECK(server.Log().find("key=acme") != std::string::npos);

  CheckError(Get(server.port(), "/api/v1/search", Bearer(key + "x")), 401, "invalid_api_key");
  CheckError(Get(server.port(), "/api/v1/search", Bearer("rk_000000000000_abc")), 401,
             "invalid_api_key");

  CommandOutput list = Admin(data.path(), {"keys", "list"});
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("acme") != std::string::npos);
  CHECK(list.out.find(PrefixOf(key)) != std::string::npos);
  CHECK(list.out.find(key.substr(key.rfind('_') + 1)) == std::string::npos);

  CommandOutput rotated = Admin(data.path(), {"keys", "rotate", PrefixOf(key)});
  REQUIRE(rotated.exit_code == 0);
  const std::string new_key = rotated.out.substr(0, rotated.out.find('\n'));
  CheckError(Get(server.port(), "/api/v1/search", Bearer(key)), 401, "invalid_api_key");
  CHECK(Get(server.port(), "/api/v1/search", Bearer(new_key)).status == 200);

  CHECK(Admin(data.path(), {"keys", "revoke", PrefixOf(new_key)}).exit_code == 0);
  CheckError(Get(server.port(), "/api/v1/search", Bearer(new_key)), 401, "invalid_api_key");
  CHECK(Admin(data.path(), {"keys", "revoke", PrefixOf(new_key)}).exit_code != 0);
}

TEST_CASE("keys: bad arguments are refused") {
  KeyedData data;
  CHECK(Admin(data.path(), {"keys", "create"}).exit_code == 2);
  CHECK(Admin(data.path(), {"keys", "create", "--partner", "x", "--rate", "fast"}).exit_code == 2);
  CHECK(
      Admin(data.path(), {"keys", "create", "--partner", "x", "--filter", "state=ZZ"}).exit_code ==
      2);
  CHECK(Admin(data.path(), {"keys", "create", "--partner", "x", "--filter", "colour=red"})
            .exit_code == 2);
}

TEST_CASE("a key's rate limit gives 429 with Retry-After, counted in metrics") {
  KeyedData data;
  const std::string key =
      CreateKey(data.path(), {"--partner", "slow", "--rate", "1/s", "--burst", "3"});
  ServerProcess server(data.path(), OneTokenPerRequest(kNoClientLimits));
  int ok = 0;
  HttpResult limited;
  for (int i = 0; i < 10 && limited.status != 429; ++i) {
    HttpResult result = Get(server.port(), "/api/v1/vocab", Bearer(key));
    if (result.status == 200) ++ok;
    if (result.status == 429) limited = result;
  }
  CHECK(ok >= 3);
  CheckError(limited, 429, "rate_limited");
  CHECK(std::atoi(limited.Header("retry-after").c_str()) >= 1);
  // Anonymous clients are not affected by a partner's bucket.
  CHECK(Get(server.port(), "/api/v1/vocab").status == 200);
  CHECK(Get(server.port(), "/metrics").body.find("rapport_rate_limited_total{client=\"key\"} 1") !=
        std::string::npos);
}

TEST_CASE("anonymous clients are rate-limited per address") {
  ServerProcess server(SampleDataDir(), {"--anon-rate", "1", "--anon-burst", "2"});
  int limited = 0;
  for (int i = 0; i < 6; ++i) {
    HttpResult result = Get(server.port(), "/api/v1/search?q=x");
    if (result.status == 429) {
      ++limited;
      CHECK(!result.Header("retry-after").empty());
    }
  }
  CHECK(limited >= 3);
  // Health checks are never limited.
  CHECK(Get(server.port(), "/healthz").status == 200);
}

TEST_CASE("a key fixed to CA never sees therapists without a CA license") {
  KeyedData data;
  const std::string key = CreateKey(data.path(), {"--partner", "ca-only", "--filter", "state=CA",
                                                  "--rate", "1000/s", "--burst", "1000"});
  ServerProcess server(data.path(), kNoClientLimits);
  for (const char* query : {"limit=100", "limit=100&state=NY", "q=therapy&limit=100",
                            "limit=100&offset=20", "limit=50&state=TX&virtual=true"}) {
    CAPTURE(query);
    HttpResult result = Get(server.port(), std::string("/api/v1/search?") + query, Bearer(key));
    REQUIRE(result.status == 200);
    rapidjson::Document doc = Json(result.body);
    for (const auto& hit : doc["results"].GetArray()) {
      HttpResult profile =
          Get(server.port(), std::string("/api/v1/therapists/") + hit["id"].GetString());
      REQUIRE(profile.status == 200);
      rapidjson::Document full = Json(profile.body);
      bool licensed_in_ca = false;
      for (const auto& license : full["licenses"].GetArray()) {
        if (std::string(license["state"].GetString()) == "CA") licensed_in_ca = true;
      }
      CHECK(licensed_in_ca);
    }
  }
  const int anonymous_total = Json(Get(server.port(), "/api/v1/search").body)["total"].GetInt();
  const int keyed_total =
      Json(Get(server.port(), "/api/v1/search", Bearer(key)).body)["total"].GetInt();
  CHECK(keyed_total > 0);
  CHECK(keyed_total < anonymous_total);

  // The profile of a therapist without a CA license is not found through the key.
  HttpResult ny = Get(server.port(), "/api/v1/search?state=NY&in_person=true&limit=100");
  rapidjson::Document ny_doc = Json(ny.body);
  bool checked = false;
  for (const auto& hit : ny_doc["results"].GetArray()) {
    const std::string id = hit["id"].GetString();
    rapidjson::Document full = Json(Get(server.port(), "/api/v1/therapists/" + id).body);
    bool ca = false;
    for (const auto& license : full["licenses"].GetArray()) {
      if (std::string(license["state"].GetString()) == "CA") ca = true;
    }
    if (ca) continue;
    CheckError(Get(server.port(), "/api/v1/therapists/" + id, Bearer(key)), 404, "not_found");
    checked = true;
    break;
  }
  CHECK(checked);
}

TEST_CASE("the bearer scheme is case-insensitive and keyed answers vary by Authorization") {
  KeyedData data;
  const std::string key = CreateKey(data.path(), {"--partner", "ca-only", "--filter", "state=CA",
                                                  "--rate", "1000/s", "--burst", "1000"});
  ServerProcess server(data.path(), {"--anon-rate", "100000", "--anon-burst", "100000"});
  auto total = [&](const std::map<std::string, std::string>& headers) {
    HttpResult result = Get(server.port(), "/api/v1/search", headers);
    REQUIRE(result.status == 200);
    CHECK(result.Header("vary").find("Authorization") != std::string::npos);
    return Json(result.body)["total"].GetInt();
  };
  const int keyed = total(Bearer(key));
  CHECK(keyed < total({}));
  // RFC 9110: the scheme is case-insensitive; one or more spaces follow it.
  for (const char* scheme : {"bearer ", "BEARER ", "bEaReR   "}) {
    CAPTURE(scheme);
    CHECK(total({{"Authorization", std::string(scheme) + key}}) == keyed);
  }
  CheckError(Get(server.port(), "/api/v1/search", {{"Authorization", "bearer " + key + "x"}}), 401,
             "invalid_api_key");

  // A profile answer depends on the key's filter (404 outside it) and on
  // Accept (a page for browsers): a shared cache must key on both.
  const std::string id =
      Json(Get(server.port(), "/api/v1/search?limit=1").body)["results"][0]["id"].GetString();
  HttpResult profile = Get(server.port(), "/api/v1/therapists/" + id);
  REQUIRE(profile.status == 200);
  CHECK(profile.Header("cache-control").find("public") != std::string::npos);
  std::set<std::string> varies;
  std::istringstream vary(profile.Header("vary"));
  for (std::string name; std::getline(vary >> std::ws, name, ',');) varies.insert(name);
  CHECK(varies.count("Authorization") == 1);
  CHECK(varies.count("Accept") == 1);
}

}  // namespace
}  // namespace rapport::testing
