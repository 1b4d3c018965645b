// Fuzzes whole requests to the server's request pipeline (Dispatch) with a
// real ServerState on a small real index and store: method, target, headers
// and body, converted the way web/http_server.cpp converts what cpprestsdk
// parsed (the path percent-decoded, the query string split and decoded,
// header names in lower case). Routes, CORS, content types, partner keys
// (the text @KEY@ in the input stands for a real key fixed to state=CA),
// every public handler, ETag/304, gzip and HEAD are all in play. The editor
// routes answer 503 here (no editor services): the other harnesses fuzz
// their bodies.
//
// Invariants: no answer is a 5xx but that 503; every answer has its request
// id and nosniff; a public API answer allows any origin; any other error
// under /api/ is a JSON client error, a 200 JSON answer is valid JSON (after gunzip); HEAD
// and 304 answers have no body, and a 304 answers an If-None-Match; a
// profile answered to the key is one the key may see.
#include <algorithm>
#include <cctype>

#include "api_keys.h"
#include "dispatcher.h"
#include "fuzz_support.h"
#include "query_string.h"
#include "route_table.h"
#include "test_support.h"

namespace rapport::fuzz {
namespace {

constexpr std::string_view kKeyPlaceholder = "@KEY@";
constexpr char kKeyFilter[] = "state=CA";
constexpr double kUnlimitedRate = 1e12;
constexpr int kUnlimitedBurst = 1 << 30;

struct Setup {
  std::unique_ptr<ServerState> state;
  std::string key;
  KeyIdentity key_identity;
};

Setup MakeSetup() {
  Setup setup;
  ServerConfig config;
  config.data_dir = SharedIndex().data_dir;
  config.static_dir = testing::SourcePath("web/static");
  config.anon_rate = kUnlimitedRate;
  config.anon_burst = kUnlimitedBurst;
  auto crisis_terms = CrisisTerms::Load(testing::SourcePath("data/crisis_terms.json"));
  FUZZ_CHECK(crisis_terms.ok(), "the crisis terms load");
  setup.state =
      std::make_unique<ServerState>(config, RouteTable(), std::move(crisis_terms.value()));
  FUZZ_CHECK(setup.state->RefreshSearch().ok(), "the index opens");
  auto keys = setup.state->Keys();
  FUZZ_CHECK(keys.ok(), "the key store opens");
  auto filters = ParseKeyFilters({kKeyFilter}, SharedIndex().service->vocabulary());
  NewKey key;
  key.partner = "fuzz";
  key.rate_per_second = kUnlimitedRate;
  key.burst = kUnlimitedBurst;
  key.filters = filters.value();
  setup.key = keys.value()->Create(key).value();
  ApplyKeyFilters(key.filters, &setup.key_identity);
  return setup;
}

Setup& Shared() {
  static Setup setup = MakeSetup();
  return setup;
}

std::string ReplaceAll(std::string text, std::string_view from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string_view TakeLine(std::string_view& text) {
  const size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// "METHOD TARGET\nName: value\n...\n\nBODY" as the server would have it, or
// nullopt where http_server.cpp answers before dispatching (its own 404, 414
// and 400 for a target it cannot decode).
std::optional<HttpRequest> Convert(std::string_view input) {
  HttpRequest request;
  const std::string_view start = TakeLine(input);
  const size_t space = start.find(' ');
  request.method = std::string(start.substr(0, space));
  const std::string_view target =
      space == std::string_view::npos ? std::string_view("/") : start.substr(space + 1);
  for (std::string_view line = TakeLine(input); !line.empty(); line = TakeLine(input)) {
    const size_t colon = line.find(':');
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.headers[name] = std::string(value);
  }
  request.body = std::string(input);
  request.client_address = "192.0.2.1";
  request.request_id = "fuzz";
  const size_t question = target.find('?');
  auto path = DecodeComponent(target.substr(0, question), false, "path");
  if (!path) return std::nullopt;
  request.path = std::move(path.value());
  request.raw_query = question == std::string_view::npos ? "" : target.substr(question + 1);
  if (request.raw_query.size() > Shared().state->config().max_query_string_bytes) {
    return std::nullopt;
  }
  auto query = ParseQueryString(request.raw_query);
  if (!query) return std::nullopt;
  request.query = std::move(query.value());
  return request;
}

void CheckOutcome(const HttpRequest& request, const DispatchOutcome& outcome) {
  const HttpResponse& response = outcome.response;
  const std::string where = request.method + " " + request.path + " → " +
                            std::to_string(response.status) + " " + outcome.route;
  const bool editor_unavailable =
      response.status == 503 && response.body.find("editor_api_unavailable") != std::string::npos;
  FUZZ_CHECK(response.status < 500 || editor_unavailable,
             where + " " + response.body.substr(0, kMaxErrorMessageBytes));
  FUZZ_CHECK(response.GetHeader("X-Request-Id") == request.request_id, where);
  FUZZ_CHECK(response.GetHeader("X-Content-Type-Options") == "nosniff", where);
  const bool api = request.path.rfind("/api/", 0) == 0;
  if (outcome.route.rfind("/api/v1/search", 0) == 0 && response.status != 405) {
    FUZZ_CHECK(response.GetHeader("Access-Control-Allow-Origin") == "*", where);
  }
  if (request.method == "HEAD" || response.status == 304 || response.status == 204) {
    FUZZ_CHECK(response.body.empty(), where + " has a body");
  }
  if (response.status == 304) FUZZ_CHECK(!request.Header("if-none-match").empty(), where);
  if (response.body.empty()) return;
  std::optional<std::string> body = response.body;
  if (response.GetHeader("Content-Encoding") == "gzip") body = testing::Gunzip(response.body);
  FUZZ_CHECK(body.has_value(), where + ": the gzip body does not inflate");
  if (api && response.status >= 400 && !editor_unavailable) {
    HttpResponse plain = response;
    plain.body = *body;
    CheckErrorResponse(plain, where, FieldRule::kOptional);
  }
  if (response.content_type.rfind("application/json", 0) == 0) {
    FUZZ_CHECK(IsValidJsonText(*body), where + " answers invalid JSON");
  }
  if (request.key && response.status == 200 && outcome.route == "/api/v1/therapists/{id}" &&
      response.content_type.rfind("application/json", 0) == 0) {
    FUZZ_CHECK(ProfileVisibleToKey(*body, Shared().key_identity),
               where + ": a profile outside the key's filter");
  }
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return rapport::fuzz::BuildSharedIndexFirst();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  Setup& setup = Shared();
  const std::string input = ReplaceAll(std::string(AsText(data, size)), kKeyPlaceholder, setup.key);
  std::optional<HttpRequest> request = Convert(input);
  if (!request) return 0;
  const DispatchOutcome outcome = Dispatch(*request, *setup.state);
  CheckOutcome(*request, outcome);
  return 0;
}
