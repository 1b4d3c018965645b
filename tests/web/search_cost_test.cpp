// What one search may cost, through the real server: over-sized queries and
// filter lists are a 400 naming the parameter, a search past the time limit
// is a 503, and rate limits charge each request its worker time (X-Request-Cost),
// so one address sending expensive searches is refused while another's cheap
// searches go on.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "query_shapes.h"
#include "search_params.h"
#include "web_test_util.h"

namespace rapport::testing {
namespace {

int Port() { return SharedServer().port(); }

std::string SearchPath(const std::string& q, const std::string& more = "") {
  return "/api/v1/search?q=" + UrlEncode(q) + more;
}

// The query: 80 quoted two-word phrases in 500 characters.
std::string EightyPhrases() {
  std::string q;
  for (int i = 0; i < 80; ++i) q += "\"x y\" ";
  return q;
}

// Costs the most the bounds allow: the most phrases, joined by OR so none
// narrows another, plus every facet counted.
std::string ExpensiveSearch() {
  std::string q;
  for (int i = 0; i < kParamLimits.max_q_phrases; ++i) {
    q += std::string(i == 0 ? "" : " OR ") + (i % 2 == 0 ? "\"therapy sessions\"" : "\"i am\"");
  }
  std::string facets;
  for (std::string_view name : CountableFacetNames()) {
    facets += (facets.empty() ? "" : ",") + std::string(name);
  }
  return SearchPath(q, "&facets=" + facets);
}

TEST_CASE("a q over a size bound is a 400 naming q, one at every bound is answered") {
  HttpResult eighty = Get(Port(), SearchPath(EightyPhrases()));
  CheckError(eighty, 400, "query_too_complex", "q");
  CHECK(Json(eighty.body)["error"]["message"].GetString() ==
        "q has 80 phrases (quoted or hyphenated words); at most " +
            std::to_string(kParamLimits.max_q_phrases) + " are allowed");
  for (const QueryShapeBound& bound : QueryShapeBounds()) {
    CAPTURE(bound.what);
    CHECK(Get(Port(), SearchPath(QueryWithCount(bound.count, bound.limit))).status == 200);
    CheckError(Get(Port(), SearchPath(QueryWithCount(bound.count, bound.limit + 1))), 400,
               "query_too_complex", "q");
  }
  CHECK(Get(Port(), ExpensiveSearch()).status == 200);
}

TEST_CASE("more facet filter values than the bound are a 400 naming the largest filter") {
  rapidjson::Document vocab = Json(Get(Port(), "/api/v1/vocab").body);
  std::string query;
  std::string largest;
  rapidjson::SizeType largest_size = 0;
  int total = 0;
  for (std::string_view facet : CountableFacetNames()) {
    const std::string name(facet);
    if (total > kParamLimits.max_filter_values || !vocab.HasMember(name.c_str())) continue;
    const rapidjson::Value& entries = vocab[name.c_str()];
    for (const auto& entry : entries.GetArray()) {
      query += "&" + name + "=" + UrlEncode(entry["value"].GetString());
      ++total;
    }
    if (entries.Size() > largest_size) {
      largest = name;
      largest_size = entries.Size();
    }
  }
  REQUIRE(total > kParamLimits.max_filter_values);
  CheckError(Get(Port(), "/api/v1/search?limit=1" + query), 400, "query_too_complex", largest);
}

TEST_CASE("a search past the configured time limit answers 503 search_timeout") {
  ServerProcess server(SampleDataDir(), {"--search-time-limit-ms", "1", "--anon-rate", "100000",
                                         "--anon-burst", "100000"});
  HttpResult late = Get(server.port(), ExpensiveSearch());
  CheckError(late, 503, "search_timeout");
  CHECK(late.Header("cache-control") == "no-store");
  CHECK(Get(server.port(), "/healthz").status == 200);
}

HttpResult From(int port, const std::string& address, const std::string& target) {
  return Get(port, target, {{"X-Real-IP", address}});
}

TEST_CASE("expensive searches from one address are refused by cost while another address goes on") {
  constexpr int kBurst = 40;
  // A token buys 1 ms of a worker and hardly any come back during the test.
  ServerProcess server(SampleDataDir(),
                       {"--trust-forwarded-for", "--anon-rate", "0.01", "--anon-burst",
                        std::to_string(kBurst), "--cost-unit-ms", "1"});
  const std::string cheap = "/api/v1/search?limit=1";
  int expensive_served = 0;
  int cheap_served = 0;
  int cheap_cost = 0;
  bool expensive_refused = false;
  for (int round = 0; round < kBurst && !expensive_refused; ++round) {
    HttpResult expensive = From(server.port(), "198.51.100.1", ExpensiveSearch());
    if (expensive.status == 429) {
      expensive_refused = true;
      CheckError(expensive, 429, "rate_limited");
      CHECK(std::atoi(expensive.Header("retry-after").c_str()) >= 1);
    } else {
      REQUIRE(expensive.status == 200);
      ++expensive_served;
      CHECK(std::atoi(expensive.Header("x-request-cost").c_str()) >= 1);
    }
    if (round % 4 == 0) {
      HttpResult other = From(server.port(), "198.51.100.2", cheap);
      CHECK(other.status == 200);
      cheap_served += other.status == 200 ? 1 : 0;
      cheap_cost += std::atoi(other.Header("x-request-cost").c_str());
    }
  }
  // Counted by requests, the expensive address would get its whole burst.
  CHECK(expensive_refused);
  CHECK(expensive_served < kBurst / 2);
  CHECK(cheap_served >= 1);
  CHECK(cheap_cost < kBurst);
  CHECK(From(server.port(), "198.51.100.2", cheap).status == 200);
  const std::string metrics = Get(server.port(), "/metrics").body;
  CHECK(metrics.find("rapport_request_cost_units_total{client=\"anonymous\"} ") !=
        std::string::npos);
}

TEST_CASE("every public API answer says what it cost, readable cross-origin") {
  HttpResult search = Get(Port(), "/api/v1/search?q=anxiety&limit=1");
  REQUIRE(search.status == 200);
  CHECK(std::atoi(search.Header("x-request-cost").c_str()) >= 1);
  CHECK(search.Header("access-control-expose-headers").find("X-Request-Cost") != std::string::npos);
  CHECK(std::atoi(Get(Port(), "/api/v1/vocab").Header("x-request-cost").c_str()) >= 1);
  CHECK(Get(Port(), "/healthz").Header("x-request-cost").empty());
}

TEST_CASE("openapi.json documents the cost header and the bounds of q") {
  rapidjson::Document doc = Json(Get(Port(), "/openapi.json").body);
  const auto& search = doc["paths"]["/api/v1/search"]["get"];
  CHECK(search["responses"]["200"]["headers"].HasMember("X-Request-Cost"));
  std::string q_description;
  for (const auto& parameter : search["parameters"].GetArray()) {
    if (std::string(parameter["name"].GetString()) == "q") {
      q_description = parameter["description"].GetString();
    }
  }
  CHECK(q_description.find(DescribeQueryShapeBounds()) != std::string::npos);
}

}  // namespace
}  // namespace rapport::testing
