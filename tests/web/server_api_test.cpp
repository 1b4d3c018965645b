// The public API through the real server: every endpoint, the error statuses,
// CORS, ETag/304, gzip, HEAD, request ids and the pages.
#include <cstdlib>
#include <string>

#include <doctest/doctest.h>
#include <xapian.h>

#include "facet_catalogue.h"
#include "index_layout.h"
#include "web_test_util.h"

namespace rapport::testing {
namespace {

int Port() { return SharedServer().port(); }

std::string FirstResultId(const std::string& query) {
  HttpResult result = Get(Port(), "/api/v1/search?" + query);
  REQUIRE(result.status == 200);
  rapidjson::Document doc = Json(result.body);
  REQUIRE(doc["results"].Size() > 0);
  return doc["results"][0]["id"].GetString();
}

TEST_CASE("search answers the JSON of DESIGN.md with facets and caching headers") {
  HttpResult result = Get(Port(), "/api/v1/search?q=anxiety&facets=modality,specialty&limit=5");
  REQUIRE(result.status == 200);
  CHECK(result.Header("content-type") == "application/json; charset=utf-8");
  CHECK(result.Header("cache-control") == "private, max-age=30");
  CHECK(result.Header("access-control-allow-origin") == "*");
  CHECK(result.Header("x-request-id").size() >= 16);
  rapidjson::Document doc = Json(result.body);
  CHECK(doc["total"].GetInt() > 0);
  CHECK(doc["limit"].GetInt() == 5);
  CHECK(doc["results"].Size() == 5);
  CHECK(doc["facets"].HasMember("modality"));
  CHECK(doc["facets"]["specialty"][0]["count"].GetInt() > 0);
}

TEST_CASE("form-encoded POST search gives the same answer as GET") {
  HttpResult get = Get(Port(), "/api/v1/search?q=grief+support&limit=3");
  HttpResult post =
      Request(Port(), "POST", "/api/v1/search",
              {{"Content-Type", "application/x-www-form-urlencoded"}}, "q=grief+support&limit=3");
  REQUIRE(get.status == 200);
  REQUIRE(post.status == 200);
  CHECK(Json(get.body)["total"].GetInt() == Json(post.body)["total"].GetInt());
  CHECK(Json(get.body)["results"][0]["id"] == Json(post.body)["results"][0]["id"]);
}

TEST_CASE("percent-encoded UTF-8 query text is decoded, invalid UTF-8 is a 400") {
  HttpResult accented = Get(Port(), "/api/v1/search?q=" + UrlEncode("espa\xc3\xb1ol terapia"));
  CHECK(accented.status == 200);
  CheckError(Get(Port(), "/api/v1/search?q=%C3%28"), 400, "invalid_parameter", "q");
  CheckError(Get(Port(), "/api/v1/search?q=%ED%A0%80"), 400, "invalid_parameter", "q");
  CheckError(Get(Port(), "/api/v1/search?q=a%00b"), 400, "invalid_parameter", "q");
  CheckError(Get(Port(), "/api/v1/search?q=%zz"), 400, "invalid_parameter", "q");
}

TEST_CASE("a query that crashed Xapian's query parser is answered, and the server lives on") {
  for (const std::string q : {"@pa(-qicabep(-*ieacab(-(it]some", "-b -(i,the", "+b +(i,the"}) {
    CAPTURE(q);
    CHECK(Get(Port(), "/api/v1/search?q=" + UrlEncode(q)).status == 200);
  }
  CHECK(Get(Port(), "/healthz").status == 200);
}

TEST_CASE("bad and unknown parameters are 400 naming the parameter") {
  CheckError(Get(Port(), "/api/v1/search?colour=blue"), 400, "invalid_parameter", "colour");
  CheckError(Get(Port(), "/api/v1/search?limit=1000"), 400, "invalid_parameter", "limit");
  CheckError(Get(Port(), "/api/v1/search?modality=not-a-modality"), 400, "invalid_parameter",
             "modality");
  CheckError(Get(Port(), "/api/v1/suggest?q=anx&nope=1"), 400, "invalid_parameter", "nope");
  CheckError(Get(Port(), "/api/v1/vocab?x=1"), 400, "invalid_parameter", "x");
  // Found by tests/fuzz/search_params_fuzz (its corpus keeps the inputs): a
  // parameter without a name was refused with no field at all.
  CheckError(Get(Port(), "/api/v1/search?=q"), 400, "invalid_parameter", "query");
  CheckError(Get(Port(), "/api/v1/search?=%C3%28"), 400, "invalid_parameter", "query");
  CheckError(Get(Port(), "/api/v1/suggest?q=a&=b"), 400, "invalid_parameter", "query");
}

TEST_CASE("profiles: 200 with ETag, 304 on If-None-Match, 404 for unknown ids") {
  const std::string id = FirstResultId("q=anxiety");
  HttpResult profile = Get(Port(), "/api/v1/therapists/" + id);
  REQUIRE(profile.status == 200);
  rapidjson::Document doc = Json(profile.body);
  CHECK(std::string(doc["id"].GetString()) == id);
  const std::string etag = profile.Header("etag");
  CHECK(etag == "\"" + std::to_string(doc["version"].GetInt64()) + "\"");
  CHECK(profile.Header("cache-control") == "public, max-age=60");

  HttpResult cached = Get(Port(), "/api/v1/therapists/" + id, {{"If-None-Match", etag}});
  CHECK(cached.status == 304);
  CHECK(cached.body.empty());
  CHECK(cached.Header("etag") == etag);
  CHECK(Get(Port(), "/api/v1/therapists/" + id, {{"If-None-Match", "\"999999\""}}).status == 200);

  CheckError(Get(Port(), "/api/v1/therapists/t-does-not-exist"), 404, "not_found");
}

TEST_CASE("vocab has an ETag and a long Cache-Control, 304 when unchanged") {
  HttpResult vocab = Get(Port(), "/api/v1/vocab");
  REQUIRE(vocab.status == 200);
  CHECK(Json(vocab.body).HasMember("modality"));
  CHECK(vocab.Header("cache-control") == "public, max-age=3600");
  REQUIRE(!vocab.Header("etag").empty());
  CHECK(Get(Port(), "/api/v1/vocab", {{"If-None-Match", vocab.Header("etag")}}).status == 304);
}

TEST_CASE("vocab lists every catalogue facet in order, with its flags and its values") {
  rapidjson::Document vocab = Json(Get(Port(), "/api/v1/vocab").body);
  REQUIRE(vocab.HasMember("catalogue"));
  const rapidjson::Value& catalogue = vocab["catalogue"];
  REQUIRE(catalogue.Size() == FacetCatalogue().size());
  for (rapidjson::SizeType i = 0; i < catalogue.Size(); ++i) {
    const FacetSpec& facet = FacetCatalogue()[i];
    const rapidjson::Value& entry = catalogue[i];
    CAPTURE(facet.name);
    CHECK(entry["name"].GetString() == facet.name);
    CHECK(entry["label"].GetString() == facet.label);
    CHECK(entry["filterable"].GetBool() == facet.filterable);
    CHECK(entry["repeatable"].GetBool() == (facet.filterable && !facet.own_parameter));
    CHECK(entry["counted"].GetBool() == facet.counted);
    CHECK(entry["panel_position"].GetInt() == facet.panel_position);
    // Where a profile keeps the values: the editor builds its pickers from it.
    REQUIRE(entry.HasMember("profile_path"));
    CHECK((facet.profile_path.empty() ? entry["profile_path"].IsNull()
                                      : entry["profile_path"].GetString() == facet.profile_path));
    // The values are the vocab.json list the answer also carries as is.
    const std::string list_name = entry["vocabulary"].GetString();
    REQUIRE(vocab.HasMember(list_name.c_str()));
    const rapidjson::Value& list = vocab[list_name.c_str()];
    const rapidjson::Value& values = entry["values"];
    REQUIRE(list.Size() > 0);
    REQUIRE(values.Size() == list.Size());
    for (rapidjson::SizeType v = 0; v < values.Size(); ++v) {
      CHECK(std::string(values[v]["value"].GetString()) == list[v]["value"].GetString());
      CHECK(std::string(values[v]["label"].GetString()) == list[v]["label"].GetString());
    }
  }
  // Additive: every other member is still a vocabulary list.
  for (const auto& member : vocab.GetObject()) {
    if (std::string(member.name.GetString()) != "catalogue") CHECK(member.value.IsArray());
  }
  // OpenAPI documents each field of an entry.
  rapidjson::Document openapi = Json(Get(Port(), "/openapi.json").body);
  const rapidjson::Value& schemas = openapi["components"]["schemas"];
  CHECK(std::string(schemas["Vocab"]["properties"]["catalogue"]["items"]["$ref"].GetString()) ==
        "#/components/schemas/CatalogueEntry");
  const rapidjson::Value& documented = schemas["CatalogueEntry"]["properties"];
  for (const auto& field : catalogue[0].GetObject()) {
    CAPTURE(field.name.GetString());
    CHECK(documented.HasMember(field.name.GetString()));
  }
  CHECK(std::string(openapi["paths"]["/api/v1/vocab"]["get"]["responses"]["200"]["content"]
                           ["application/json"]["schema"]["$ref"]
                               .GetString()) == "#/components/schemas/Vocab");
}

TEST_CASE("suggest completes vocabulary labels") {
  HttpResult result = Get(Port(), "/api/v1/suggest?q=anx");
  REQUIRE(result.status == 200);
  rapidjson::Document doc = Json(result.body);
  REQUIRE(doc["suggestions"].Size() > 0);
  CHECK(Get(Port(), "/api/v1/suggest?q=%E6%97%A5").status == 200);
}

TEST_CASE("wrong method is 405 with Allow, unknown path is 404") {
  HttpResult result = Request(Port(), "DELETE", "/api/v1/search");
  CheckError(result, 405, "method_not_allowed");
  CHECK(result.Header("allow") == "GET, HEAD, POST, OPTIONS");
  CheckError(Request(Port(), "PUT", "/healthz", {}, "x"), 405, "method_not_allowed");
  CheckError(Request(Port(), "TRACE", "/api/v1/vocab"), 405, "method_not_allowed");
  CheckError(Get(Port(), "/api/v2/search"), 404, "not_found");
  // Found by tests/fuzz/public_request_fuzz: the 405 quoted the request's
  // method back, whatever its length.
  const std::string method(3000, 'M');
  HttpResult long_method = Request(Port(), method, "/healthz");
  CheckError(long_method, 405, "method_not_allowed");
  CHECK(long_method.body.find("MMMM") == std::string::npos);
  CHECK(long_method.body.find("GET, HEAD, OPTIONS") != std::string::npos);
}

TEST_CASE("a JSON body that does not parse is a 400 naming body") {
  // Found by tests/fuzz/editor_bodies_fuzz and profile_json_fuzz: the error named no field.
  for (const char* body : {"", "{", "{\"email\":", "[1,]"}) {
    CAPTURE(body);
    CheckError(
        Request(Port(), "POST", "/api/v1/session", {{"Content-Type", "application/json"}}, body),
        400, "invalid_json", "body");
  }
}

TEST_CASE("bodies: 413 from Content-Length, 415 for a wrong content type") {
  const std::string big(2 * 1024 * 1024, 'a');
  HttpResult too_large =
      Request(Port(), "POST", "/api/v1/search",
              {{"Content-Type", "application/x-www-form-urlencoded"}}, "q=" + big);
  CheckError(too_large, 413, "payload_too_large");
  CheckError(
      Request(Port(), "POST", "/api/v1/search", {{"Content-Type", "text/plain"}}, R"({"q":"x"})"),
      415, "unsupported_media_type", "Content-Type");
}

TEST_CASE("CORS preflight is answered for public endpoints") {
  HttpResult result = Request(Port(), "OPTIONS", "/api/v1/search",
                              {{"Origin", "https://partner.example"},
                               {"Access-Control-Request-Method", "GET"},
                               {"Access-Control-Request-Headers", "authorization"}});
  CHECK(result.status == 204);
  CHECK(result.Header("access-control-allow-origin") == "*");
  CHECK(result.Header("access-control-allow-methods").find("GET") != std::string::npos);
  CHECK(result.Header("access-control-allow-headers").find("Authorization") != std::string::npos);
  CHECK(!result.Header("access-control-max-age").empty());
  // Operational endpoints are not for browsers on other sites.
  CHECK(Request(Port(), "OPTIONS", "/metrics").Header("access-control-allow-origin").empty());
}

TEST_CASE("gzip when the client asks for it, identity otherwise") {
  HttpResult zipped = Get(Port(), "/api/v1/search?q=anxiety", {{"Accept-Encoding", "gzip, br"}});
  REQUIRE(zipped.status == 200);
  CHECK(zipped.Header("content-encoding") == "gzip");
  CHECK(zipped.Header("vary").find("Accept-Encoding") != std::string::npos);
  HttpResult plain = Get(Port(), "/api/v1/search?q=anxiety");
  CHECK(plain.Header("content-encoding").empty());
  CHECK(Json(InflatedBody(zipped.body))["total"].GetInt() == Json(plain.body)["total"].GetInt());
  CHECK(Get(Port(), "/api/v1/search?q=anxiety", {{"Accept-Encoding", "gzip;q=0"}})
            .Header("content-encoding")
            .empty());
}

TEST_CASE("HEAD answers like GET without a body") {
  HttpResult head = Request(Port(), "HEAD", "/api/v1/vocab");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(!head.Header("etag").empty());
  CHECK(Request(Port(), "HEAD", "/healthz").status == 200);
}

TEST_CASE("a sane X-Request-Id is echoed, a hostile one replaced") {
  CHECK(Get(Port(), "/healthz", {{"X-Request-Id", "abc-123"}}).Header("x-request-id") == "abc-123");
  const std::string replaced =
      Get(Port(), "/healthz", {{"X-Request-Id", "a b<script>"}}).Header("x-request-id");
  CHECK(replaced != "a b<script>");
  CHECK(!replaced.empty());
}

TEST_CASE("health, readiness and metrics") {
  CHECK(Get(Port(), "/healthz").status == 200);
  HttpResult ready = Get(Port(), "/readyz");
  CHECK(ready.status == 200);
  CHECK(Json(ready.body)["documents"].GetInt() == 400);
  Get(Port(), "/api/v1/search?q=metrics-probe");
  HttpResult metrics = Get(Port(), "/metrics");
  REQUIRE(metrics.status == 200);
  CHECK(metrics.Header("content-type").rfind("text/plain; version=0.0.4", 0) == 0);
  CHECK(
      metrics.body.find(
          "rapport_http_requests_total{route=\"/api/v1/search\",method=\"GET\",status=\"200\"}") !=
      std::string::npos);
  CHECK(
      metrics.body.find("rapport_http_request_duration_seconds_bucket{route=\"/api/v1/search\"") !=
      std::string::npos);
  CHECK(metrics.body.find("rapport_index_documents 400") != std::string::npos);
  CHECK(metrics.body.find("rapport_rate_limited_total{client=\"anonymous\"}") != std::string::npos);
  // Never a raw path or query text in a label.
  CHECK(metrics.body.find("metrics-probe") == std::string::npos);
}

TEST_CASE("readiness is 503 with a reason when there is no index") {
  TempDir empty;
  ServerProcess server(empty.path(), {});
  HttpResult ready = Get(server.port(), "/readyz");
  CheckError(ready, 503, "not_ready");
  CHECK(Json(ready.body)["error"]["message"].GetString() != std::string());
  CheckError(Get(server.port(), "/api/v1/search?q=x"), 503, "index_unavailable");
  CHECK(Get(server.port(), "/healthz").status == 200);
}

TEST_CASE("readiness names the rebuild when the index has another layout version") {
  TempDir dir;
  const std::string data = dir.File("data");
  REQUIRE(std::system(("cp -a '" + SampleDataDir() + "' '" + data + "'").c_str()) == 0);
  {
    Xapian::WritableDatabase db(data + "/index");
    db.set_metadata(std::string(layout::kMetaLayoutVersion), "2");
    db.commit();
  }
  ServerProcess server(data, {});
  HttpResult ready = Get(server.port(), "/readyz");
  CheckError(ready, 503, "not_ready");
  CHECK(
      std::string(Json(ready.body)["error"]["message"].GetString()).find("rapport-index rebuild") !=
      std::string::npos);
  CheckError(Get(server.port(), "/api/v1/search?q=x"), 503, "index_unavailable");
}

TEST_CASE("pages and static files, never outside the static folder") {
  TempDir static_dir;
  WriteFile(static_dir.File("index.html"), "<!doctype html><title>search</title>");
  WriteFile(static_dir.File("profile.html"), "<!doctype html><title>profile</title>");
  WriteFile(static_dir.File("app.js"), "export const x = 1;");
  WriteFile(static_dir.File("app.css"), "body{}");
  ServerProcess server(SampleDataDir(), {"--static-dir", static_dir.path()});
  const int port = server.port();
  HttpResult index = Get(port, "/");
  CHECK(index.status == 200);
  CHECK(index.Header("content-type") == "text/html; charset=utf-8");
  CHECK(index.Header("content-security-policy").find("default-src 'self'") != std::string::npos);
  CHECK(index.body.find("search") != std::string::npos);
  CHECK(Get(port, "/static/app.js").Header("content-type") == "text/javascript; charset=utf-8");
  CHECK(Get(port, "/static/app.css").Header("content-type") == "text/css; charset=utf-8");
  CHECK(Get(port, "/therapists/t-0000001").body.find("profile") != std::string::npos);
  HttpResult html = Get(port, "/api/v1/therapists/t-0000001", {{"Accept", "text/html,*/*"}});
  CHECK(html.Header("content-type") == "text/html; charset=utf-8");
  CHECK(Get(port, "/editor").status == 404);  // no editor.html in this folder
  for (const char* target : {"/static/../server_process.h", "/static/%2e%2e/%2e%2e/etc/passwd",
                             "/static/..%2f..%2fetc%2fpasswd", "/static/.hidden",
                             "/static//etc/passwd", "/static/%00"}) {
    HttpResult result = Get(port, target);
    CAPTURE(target);
    CHECK((result.status == 404 || result.status == 400));
    CHECK(result.body.find("root:") == std::string::npos);
  }
}

TEST_CASE("a static file is sent gzipped or plain, and anew once it changes on disk") {
  TempDir static_dir;
  std::string script = "// first version\n";
  for (int i = 0; i < 200; ++i) script += "export const value" + std::to_string(i) + " = 1;\n";
  WriteFile(static_dir.File("app.js"), script);
  ServerProcess server(SampleDataDir(), {"--static-dir", static_dir.path()});
  const int port = server.port();
  auto check_served = [port](const std::string& content) {
    HttpResult zipped = Get(port, "/static/app.js", {{"Accept-Encoding", "gzip"}});
    CHECK(zipped.status == 200);
    CHECK(zipped.Header("content-encoding") == "gzip");
    CHECK(zipped.body.size() * 4 < content.size());
    CHECK(Gunzip(zipped.body) == content);
    HttpResult plain = Get(port, "/static/app.js");
    CHECK(plain.Header("content-encoding").empty());
    CHECK(plain.body == content);
    CHECK(plain.Header("etag") == zipped.Header("etag"));
    HttpResult again = Get(port, "/static/app.js", {{"If-None-Match", plain.Header("etag")}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    return plain.Header("etag");
  };
  const std::string first_tag = check_served(script);

  script.replace(0, std::string("// first version").size(), "// the second version");
  WriteFile(static_dir.File("app.js"), script);
  const std::string second_tag = check_served(script);
  CHECK(second_tag != first_tag);
  CHECK(Get(port, "/static/app.js", {{"If-None-Match", first_tag}}).status == 200);
}

}  // namespace
}  // namespace rapport::testing
