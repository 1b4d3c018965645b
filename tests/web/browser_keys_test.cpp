// Browser-safe partner keys and the RateLimit fields through rapport-admin
// and the real server (web/http/key_policy.h): a --search-only key answers
// only with one of its origins and only on the routes a search page calls; a
// key stops working after its expiry day; every keyed answer says where its
// bucket stands; each key's requests reach /metrics (by partner name) and
// `keys list` (after the server flushes them), and the secret never reaches
// the log.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <vector>

#include "data_dir.h"
#include "web_test_util.h"

namespace rapport::testing {
namespace {

constexpr char kOrigin[] = "https://clinic.example";
constexpr char kLocalOrigin[] = "http://localhost:8000";

std::map<std::string, std::string> FromOrigin(const std::string& key, const std::string& origin) {
  std::map<std::string, std::string> headers = Bearer(key);
  headers["Origin"] = origin;
  return headers;
}

// `rapport-admin keys create` with `extra`; the whole output.
CommandOutput TryCreate(const std::string& data, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"keys", "create", "--partner", "clinic"};
  args.insert(args.end(), extra.begin(), extra.end());
  return Admin(data, args);
}

// The value of rapport_requests_total for `partner`, or -1.
long KeyRequests(int port, const std::string& partner) {
  const std::string body = Get(port, "/metrics").body;
  const std::string line = "rapport_requests_total{key=\"" + partner + "\"} ";
  const size_t at = body.find(line);
  return at == std::string::npos ? -1 : std::stol(body.substr(at + line.size()));
}

TEST_CASE("a browser-safe key answers only from its origins and only on search routes") {
  KeyedData data;
  const std::string key =
      CreateKey(data.path(),
                {"--partner", "clinic", "--search-only", "--origin", "https://Clinic.example:443/",
                 "--origin", kLocalOrigin, "--rate", "1000/s", "--burst", "1000"});
  const std::string server_key = CreateKey(data.path(), {"--partner", "backend"});
  ServerProcess server(data.path(), kNoClientLimits);
  const int port = server.port();
  const std::string id =
      Json(Get(port, "/api/v1/search?limit=1").body)["results"][0]["id"].GetString();

  for (const std::string origin : {kOrigin, kLocalOrigin}) {
    CAPTURE(origin);
    CHECK(Get(port, "/api/v1/search?q=anxiety", FromOrigin(key, origin)).status == 200);
    CHECK(Get(port, "/api/v1/suggest?q=anx", FromOrigin(key, origin)).status == 200);
    CHECK(Get(port, "/api/v1/therapists/" + id, FromOrigin(key, origin)).status == 200);
    CHECK(Get(port, "/api/v1/vocab", FromOrigin(key, origin)).status == 200);
    // The search widget's profile view shows it for profiles without contact.
    CHECK(Get(port, "/api/v1/directory", FromOrigin(key, origin)).status == 200);
    std::map<std::string, std::string> json = FromOrigin(key, origin);
    json["Content-Type"] = "application/json";
    CHECK(Request(port, "POST", "/api/v1/search", json, R"({"q":"grief"})").status == 200);
    CHECK(Request(port, "POST", "/api/v1/multi-search", json, R"({"searches":[{}]})").status ==
          200);
  }
  CheckError(Get(port, "/api/v1/search", Bearer(key)), 403, "forbidden", "Origin");
  CheckError(Get(port, "/api/v1/search", FromOrigin(key, "https://evil.example")), 403, "forbidden",
             "Origin");
  CheckError(Get(port, "/api/v1/search", FromOrigin(key, "https://clinic.example.evil.example")),
             403, "forbidden", "Origin");
  CheckError(Get(port, "/openapi.json", FromOrigin(key, kOrigin)), 403, "forbidden",
             "Authorization");
  // A server-side key is bound by no origin and no route list.
  CHECK(Get(port, "/openapi.json", Bearer(server_key)).status == 200);
  CHECK(Get(port, "/api/v1/search", Bearer(server_key)).status == 200);
}

TEST_CASE("keys create refuses a browser key that could not work") {
  KeyedData data;
  const auto refused = [&data](const std::vector<std::string>& extra, const std::string& says) {
    CAPTURE(says);
    CommandOutput out = TryCreate(data.path(), extra);
    CHECK(out.exit_code == 2);
    CHECK(out.err.find(says) != std::string::npos);
    CHECK(out.out.empty());
  };
  refused({"--search-only"}, "--origin of each site");
  refused({"--origin", kOrigin}, "--search-only keys only");
  refused({"--search-only", "--origin", "ftp://clinic.example"}, "an origin is");
  refused({"--search-only", "--origin", "https://clinic.example/search"}, "an origin is");
  refused({"--search-only", "--origin", "https://user@clinic.example"}, "an origin is");
  refused({"--search-only", "--origin", "http://clinic.example"}, "an origin is");
  refused({"--search-only", "--origin", "https://clinic.example:99999"}, "an origin is");
  refused({"--expires", "2020-01-01"}, "has passed");
  refused({"--expires", "2027-02-30"}, "YYYY-MM-DD");
  refused({"--expires", "30/06/2027"}, "YYYY-MM-DD");
  CHECK(Admin(data.path(), {"keys", "list"}).out.find("clinic") == std::string::npos);
}

TEST_CASE("a key stops working after its expiry day") {
  KeyedData data;
  const std::string key =
      CreateKey(data.path(), {"--partner", "clinic", "--expires", "2099-12-31"});
  CHECK(Admin(data.path(), {"keys", "list"}).out.find("2099-12-31T23:59:59Z") != std::string::npos);
  ServerProcess server(data.path(), kNoClientLimits);
  CHECK(Get(server.port(), "/api/v1/search", Bearer(key)).status == 200);
  {
    // The day passes (the store is the source of truth; the server reads it per request).
    SQLite::Database store(DataDir{data.path()}.StorePath(), SQLite::OPEN_READWRITE);
    store.exec("UPDATE api_keys SET expires_at = '2020-06-30T23:59:59Z'");
  }
  HttpResult expired = Get(server.port(), "/api/v1/search", Bearer(key));
  CheckError(expired, 401, "invalid_api_key", "Authorization");
  CHECK(Json(expired.body)["error"]["message"].GetString() ==
        std::string("the API key expired at 2020-06-30T23:59:59Z"));
}

TEST_CASE(
    "keyed answers count down the RateLimit fields, and usage reaches metrics and keys list") {
  KeyedData data;
  const std::string key =
      CreateKey(data.path(), {"--partner", "clinic", "--rate", "0.01/s", "--burst", "3"});
  auto server = std::make_unique<ServerProcess>(data.path(), OneTokenPerRequest(kNoClientLimits));
  const int port = server->port();
  for (int remaining : {2, 1, 0}) {
    HttpResult answer = Get(port, "/api/v1/vocab", Bearer(key));
    CHECK(answer.status == 200);
    CHECK(answer.Header("ratelimit-limit") == "3");
    CHECK(answer.Header("ratelimit-remaining") == std::to_string(remaining));
    CHECK(std::stoi(answer.Header("ratelimit-reset")) > 0);
    CHECK(answer.Header("access-control-expose-headers").find("RateLimit-Remaining") !=
          std::string::npos);
  }
  HttpResult refused = Get(port, "/api/v1/vocab", Bearer(key));
  CHECK(refused.status == 429);
  CHECK(refused.Header("ratelimit-remaining") == "0");
  CHECK(!refused.Header("retry-after").empty());
  CHECK(Get(port, "/api/v1/vocab").Header("ratelimit-limit").empty());  // anonymous: none
  CHECK(KeyRequests(port, "clinic") == 4);
  CHECK(server->Log().find(key.substr(key.rfind('_') + 1)) == std::string::npos);
  CHECK(server->Terminate() == 0);  // flushes the usage
  server.reset();
  const std::string list = Admin(data.path(), {"keys", "list"}).out;
  const std::string row = list.substr(list.find("\tclinic\t"));
  CHECK(row.find("\tserver\t-\tnever\t4\t20") != std::string::npos);  // 4 requests, a last use
}

}  // namespace
}  // namespace rapport::testing
