// Answering searches for the public API (search_answer.h).
#include "search_answer.h"

#include "json_body.h"
#include "query_string.h"
#include "search_params.h"
#include "search_params_json.h"
#include "server_config.h"

namespace rapport {
namespace {

constexpr std::string_view kJsonMediaType = "application/json";
// The error field naming a whole request body.
constexpr std::string_view kBodyField = "body";

void ApplyKey(const HttpRequest& request, SearchRequest* search) {
  if (!request.key) return;
  search->fixed_filters = request.key->fixed_filters;
  search->fixed_licensed_state = request.key->fixed_licensed_state;
}

}  // namespace

Result<QueryPairs> SearchPairs(const HttpRequest& request, const ServerConfig& config) {
  if (request.method != "POST") return request.query;
  if (!request.query.empty()) {
    return Error::BadParameter(request.query.front().first,
                               "POST /api/v1/search takes its parameters in the body only");
  }
  if (request.MediaType() != kJsonMediaType) return ParseQueryString(request.body);
  rapidjson::Document body;
  if (Status parsed = ParseJsonBody(request.body, BodyJsonLimits(config), body); !parsed) {
    return parsed.error();
  }
  return ParamPairsFromJson(body, SearchParamTable(), kBodyField);
}

Result<SearchResult> AnswerSearch(const QueryPairs& pairs, const HttpRequest& request,
                                  const SearchService& service, const ServerState& state) {
  auto search = ParseSearchParams(pairs, service.vocabulary());
  if (!search) return search.error();
  ApplyKey(request, &search.value());
  auto result = service.Search(search.value());
  if (!result) return result.error();
  result.value().crisis = state.crisis_terms().NamedBy(search.value());
  return result;
}

}  // namespace rapport
