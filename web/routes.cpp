// THE route table of rapport-server: every endpoint, one line each.
#include "routes.h"

#include "handlers_public.h"

namespace rapport {

const std::vector<Route>& RouteTable() {
  static const std::vector<Route> routes = {
      // ---- public JSON API (DESIGN.md §3) ----
      {{"GET"},
       "/api/v1/search",
       HandleSearch,
       Access::kPublicApi,
       CachePolicy::kSearch,
       {},
       "Search therapists"},
      {{"POST"},
       "/api/v1/search",
       HandleSearch,
       Access::kPublicApi,
       CachePolicy::kSearch,
       {"application/x-www-form-urlencoded"},
       "Search with the parameters in a form body"},
      {{"GET"},
       "/api/v1/therapists/{id}",
       HandleProfile,
       Access::kPublicApi,
       CachePolicy::kProfile,
       {},
       "A published therapist profile"},
      {{"GET"},
       "/api/v1/suggest",
       HandleSuggest,
       Access::kPublicApi,
       CachePolicy::kSearch,
       {},
       "Completions of names, vocabulary labels and words"},
      {{"GET"},
       "/api/v1/vocab",
       HandleVocab,
       Access::kPublicApi,
       CachePolicy::kVocab,
       {},
       "Facet vocabularies with labels"},
      {{"GET"},
       "/openapi.json",
       HandleOpenApi,
       Access::kPublicApi,
       CachePolicy::kVocab,
       {},
       "This document"},
      // ---- operations ----
      {{"GET"},
       "/healthz",
       HandleHealthz,
       Access::kOperations,
       CachePolicy::kNoStore,
       {},
       "The process is alive"},
      {{"GET"},
       "/readyz",
       HandleReadyz,
       Access::kOperations,
       CachePolicy::kNoStore,
       {},
       "Index open and store reachable"},
      {{"GET"},
       "/metrics",
       HandleMetrics,
       Access::kOperations,
       CachePolicy::kNoStore,
       {},
       "Prometheus metrics"},
      // ---- web pages ----
      {{"GET"}, "/", HandleIndexPage, Access::kPage, CachePolicy::kStatic},
      {{"GET"}, "/therapists/{id}", HandleProfilePage, Access::kPage, CachePolicy::kStatic},
      {{"GET"}, "/editor", HandleEditorPage, Access::kPage, CachePolicy::kStatic},
      {{"GET"}, "/static/*", HandleStaticFile, Access::kPage, CachePolicy::kStatic},
  };
  return routes;
}

namespace {

// Matches `path` against `pattern`, filling {name} and "*" parameters.
bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string>* params) {
  params->clear();
  size_t p = 0, q = 0;
  while (true) {
    if (p == pattern.size()) return q == path.size();
    if (pattern.substr(p) == "*") {
      (*params)["*"] = std::string(path.substr(q));
      return q < path.size();
    }
    if (pattern[p] == '{') {
      const size_t close = pattern.find('}', p);
      size_t end = path.find('/', q);
      if (end == std::string_view::npos) end = path.size();
      if (end == q) return false;
      (*params)[std::string(pattern.substr(p + 1, close - p - 1))] =
          std::string(path.substr(q, end - q));
      p = close + 1;
      q = end;
      continue;
    }
    if (q == path.size() || pattern[p] != path[q]) return false;
    ++p;
    ++q;
  }
}

}  // namespace

RouteMatch MatchRoute(const std::vector<Route>& routes, std::string_view method,
                      std::string_view path) {
  RouteMatch match;
  std::map<std::string, std::string> params;
  for (const auto& route : routes) {
    if (!MatchPattern(route.pattern, path, &params)) continue;
    for (const auto& allowed : route.methods) {
      match.allowed.push_back(allowed);
      if (allowed == "GET") match.allowed.push_back("HEAD");
      if (!match.route && (allowed == method || (allowed == "GET" && method == "HEAD"))) {
        match.route = &route;
        match.params = params;
      }
    }
  }
  return match;
}

}  // namespace rapport
