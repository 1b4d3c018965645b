// POST /api/v1/multi-search (handlers_public.h): several searches in one
// request, as partner pages that show several lists at once need.
//
//   {"searches": [{"q": "anxiety", "virtual": true, "state": "CA"},
//                 {"q": "grief", "limit": 3}]}
//   → {"results": [{…search response…},
//                  {"status": 400, "error": {"code": …, "message": …, "field": …}}]}
//
// Each search is a JSON object of the search parameters (search_params_json.h)
// and is answered in order with the response GET /api/v1/search would give,
// or with its own status and error; one bad search never fails the others.
// The request passes one key check and one rate-limit admission and is
// charged by its whole cost (request_cost.h); searches still waiting when the
// request has used the search time limit answer 503 search_timeout unrun, so
// one request never holds a worker much longer than one slow search.
#include <chrono>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "deadline.h"
#include "handlers_public.h"
#include "http_errors.h"
#include "json_body.h"
#include "search_answer.h"
#include "search_params.h"
#include "search_params_json.h"
#include "search_result_json.h"

namespace rapport {
namespace {

constexpr std::string_view kSearches = "searches";

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// The searches array of the body; 400 naming "searches" when there is none,
// it is empty, or it holds more than `max_searches`.
Result<const rapidjson::Value*> SearchesOf(const rapidjson::Document& body, int max_searches) {
  const std::string field(kSearches);
  if (!body.IsObject()) {
    return Error::BadParameter("body", "the body must be a JSON object with \"searches\"");
  }
  for (const auto& member : body.GetObject()) {
    if (member.name.GetString() != field) {
      return Error::BadParameter(member.name.GetString(),
                                 "unknown member; the body holds only \"searches\"");
    }
  }
  auto it = body.FindMember(field.c_str());
  if (it == body.MemberEnd() || !it->value.IsArray() || it->value.Empty()) {
    return Error::BadParameter(field, "searches must be a non-empty array of search objects");
  }
  if (it->value.Size() > static_cast<rapidjson::SizeType>(max_searches)) {
    return Error::BadParameter(field, "at most " + std::to_string(max_searches) +
                                          " searches per request; send " +
                                          std::to_string(it->value.Size()) + " in several");
  }
  return &it->value;
}

// {"status": N, "error": {...}}: one search's error, as ErrorResponse shows it.
void WriteError(const Error& error, JsonWriter& writer, std::string* log_detail) {
  HttpResponse response = ErrorResponse(error);
  if (log_detail->empty()) *log_detail = response.log_detail;
  rapidjson::Document body;
  body.Parse(response.body.c_str(), response.body.size());
  writer.StartObject();
  writer.Key("status");
  writer.Int(response.status);
  writer.Key("error");
  body["error"].Accept(writer);
  writer.EndObject();
}

}  // namespace

HttpResponse HandleMultiSearch(const HttpRequest& request, ServerState& state) {
  const auto started = std::chrono::steady_clock::now();
  const std::chrono::milliseconds time_limit(state.config().search_time_limit_ms);
  auto service = state.Search();
  if (!service) return ErrorResponse(service.error());
  if (!request.query.empty()) {
    return ErrorResponse(Error::BadParameter(
        request.query.front().first, "POST /api/v1/multi-search takes its searches in the body"));
  }
  rapidjson::Document body;
  if (Status parsed = ParseJsonBody(request.body, BodyJsonLimits(state.config()), body); !parsed) {
    return ErrorResponse(parsed.error());
  }
  auto searches = SearchesOf(body, state.config().max_multi_searches);
  if (!searches) return ErrorResponse(searches.error());

  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  std::string log_detail;
  writer.StartObject();
  writer.Key("results");
  writer.StartArray();
  for (const rapidjson::Value& search : searches.value()->GetArray()) {
    if (std::chrono::steady_clock::now() - started >= time_limit) {
      WriteError(SearchTimedOut(time_limit), writer, &log_detail);
      continue;
    }
    auto pairs = ParamPairsFromJson(search, SearchParamTable(), kSearches);
    auto result = pairs ? AnswerSearch(pairs.value(), request, *service.value(), state)
                        : Result<SearchResult>(pairs.error());
    if (!result) {
      WriteError(result.error(), writer, &log_detail);
      continue;
    }
    const std::string json = SearchResultToJson(result.value());
    writer.RawValue(json.c_str(), json.size(), rapidjson::kObjectType);
  }
  writer.EndArray();
  writer.EndObject();
  HttpResponse response = HttpResponse::Json(std::string(buffer.GetString(), buffer.GetSize()));
  response.log_detail = std::move(log_detail);
  return response;
}

}  // namespace rapport
