// Route matching (routes.h): a request path against the route patterns.
#include "routes.h"

#include <optional>

namespace rapport {

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

bool NeedsPrimary(const Route& route) {
  return route.access == Access::kEditor || route.on_replica == OnReplica::kPrimary;
}

ErrorForm ErrorFormOf(const std::vector<Route>& routes, std::string_view path) {
  const RouteMatch match = MatchRoute(routes, "GET", path);
  if (match.route) return match.route->errors;
  auto first_segment = [](std::string_view text) {
    const size_t end = text.find('/', 1);
    return text.substr(0, end == std::string_view::npos ? text.size() : end);
  };
  const std::string_view segment = first_segment(path);
  std::optional<ErrorForm> form;
  for (const Route& route : routes) {
    if (first_segment(route.pattern) != segment) continue;
    if (form && *form != route.errors) return ErrorForm::kJson;
    form = route.errors;
  }
  return form.value_or(ErrorForm::kJson);
}

}  // namespace rapport
