// rapport-query: runs one search (or one suggestion) against the index from
// the shell and prints the JSON body the HTTP API would answer.
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "data_dir.h"
#include "query_shape.h"
#include "search_params.h"
#include "search_result_json.h"
#include "search_service.h"

namespace {

using rapport::Error;
using ParamList = std::vector<std::pair<std::string, std::string>>;

// Exit codes: a bad parameter is the caller's to fix; anything else (no index,
// an internal failure) is the installation's.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadParameter = 2;
constexpr int kFirstClientError = 400;
constexpr int kFirstServerError = 500;

void PrintUsage(std::ostream& out) {
  out << "usage: rapport-query [--data-dir DIR] [PARAM=VALUE ...]\n"
         "       rapport-query [--data-dir DIR] suggest PREFIX [limit=N]\n"
         "\n"
         "Runs one search (or completes PREFIX) on DIR/index and prints the JSON the\n"
         "HTTP API answers for /api/v1/search (or /api/v1/suggest). Parameters have the\n"
         "API's names and rules (docs/search-api.md), e.g.\n"
         "  rapport-query q=\"panic attacks\" virtual=true state=CA facets=modality,insurance\n"
         "\n"
         "search parameters:";
  for (const rapport::ParamSpec& spec : rapport::SearchParamTable()) out << ' ' << spec.name;
  const rapport::ParamLimits& limits = rapport::kParamLimits;
  out << "\n\nlimits: limit 1-" << limits.max_limit << " (default " << limits.default_limit
      << "), offset 0-" << limits.max_offset << ", q at most " << limits.max_q_chars
      << " characters, radius_km at most " << limits.max_radius_km << " (default "
      << limits.default_radius_km << "), suggest limit 1-" << limits.max_suggest_limit
      << " (default " << limits.default_suggest_limit << ")\n"
      << "query bounds: q " << rapport::DescribeQueryShapeBounds() << "; facet filters at most "
      << limits.max_filter_values << " values in all\n"
      << "\n"
         "options:\n"
         "  --data-dir DIR   store and index folder (default: $RAPPORT_DATA_DIR or ./var)\n"
         "  --help           show this help\n"
         "\n"
         "With interpret=true, city names (\"in Oakland\") are read against the gazetteer\n"
         "cities.json in $RAPPORT_DATA_FILES (default: the source tree's data/ folder).\n"
         "\n"
         "Errors are printed as the API's JSON error on stdout. Exit status: 0 success,\n"
         "1 no usable index or internal error, 2 bad parameter.\n";
}

int Fail(const Error& error) {
  std::cout << rapport::ErrorToJson(error) << '\n';
  const bool caller_error = error.status >= kFirstClientError && error.status < kFirstServerError;
  return caller_error ? kExitBadParameter : kExitFailure;
}

// Splits PARAM=VALUE arguments into (name, value) pairs, in order.
rapport::Result<ParamList> SplitParams(const std::vector<std::string>& args) {
  ParamList params;
  for (const std::string& arg : args) {
    const size_t equals = arg.find('=');
    if (equals == std::string::npos) {
      return Error::BadParameter(arg, "arguments must be PARAM=VALUE, got '" + arg + "'");
    }
    params.emplace_back(arg.substr(0, equals), arg.substr(equals + 1));
  }
  return params;
}

int RunSearch(const rapport::SearchService& service, const std::vector<std::string>& args) {
  rapport::Result<ParamList> params = SplitParams(args);
  if (!params) return Fail(params.error());
  rapport::Result<rapport::SearchRequest> request =
      rapport::ParseSearchParams(params.value(), service.vocabulary());
  if (!request) return Fail(request.error());
  rapport::Result<rapport::SearchResult> result = service.Search(request.value());
  if (!result) return Fail(result.error());
  std::cout << rapport::SearchResultToJson(result.value()) << '\n';
  return kExitOk;
}

int RunSuggest(const rapport::SearchService& service, const std::vector<std::string>& args) {
  if (args.empty()) {
    return Fail(Error::BadParameter("q", "suggest needs a PREFIX"));
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  rapport::Result<ParamList> params = SplitParams(rest);
  if (!params) return Fail(params.error());
  params.value().insert(params.value().begin(), {std::string(rapport::params::kQ), args.front()});
  rapport::Result<rapport::SuggestRequest> request = rapport::ParseSuggestParams(params.value());
  if (!request) return Fail(request.error());
  std::cout << rapport::SuggestionsToJson(service.Suggest(request.value().q, request.value().limit))
            << '\n';
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = rapport::DefaultDataDir();
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      PrintUsage(std::cout);
      return kExitOk;
    } else if (arg == "--data-dir" && i + 1 < argc) {
      data_dir = argv[++i];
    } else if (arg.rfind("--data-dir=", 0) == 0) {
      data_dir = arg.substr(std::string("--data-dir=").size());
    } else if (arg.rfind("--", 0) == 0) {
      std::cerr << "rapport-query: unknown option '" << arg << "'\n\n";
      PrintUsage(std::cerr);
      return kExitBadParameter;
    } else {
      args.push_back(arg);
    }
  }

  rapport::SearchOptions options;
  options.gazetteer_path = rapport::DefaultDataFilesDir() + "/cities.json";
  auto service = rapport::SearchService::Open(rapport::DataDir{data_dir}.IndexPath(), options);
  if (!service) return Fail(service.error());
  if (!args.empty() && args.front() == "suggest") {
    return RunSuggest(*service.value(), std::vector<std::string>(args.begin() + 1, args.end()));
  }
  return RunSearch(*service.value(), args);
}
