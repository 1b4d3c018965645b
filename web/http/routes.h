// Routes: what a route of rapport-server is (methods, path pattern, handler,
// access class, cache policy) and how a request finds its route. The table
// itself is web/server/route_table.cpp, the one place that wires the parts;
// ServerState carries it to the dispatcher (dispatcher.h), which applies
// everything a route's access class and cache policy imply, so a handler only
// answers its own question.
//
// Adding an endpoint is one line in web/server/route_table.cpp:
//   {{"GET"}, "/api/v1/things/{id}", HandleThing, Access::kPublicApi, CachePolicy::kProfile, {}, "A
//   thing"},
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http_types.h"

namespace rapport {

class ServerState;

using Handler = std::function<HttpResponse(const HttpRequest&, ServerState&)>;

enum class Access {
  kPublicApi,   // CORS for any origin, partner key or per-address rate limit
  kPage,        // HTML/CSS/JS pages; no key, no rate limit
  kOperations,  // health, readiness, metrics; never rate-limited
  kEditor,      // editor API: the handler authenticates; never cached, no CORS
};

enum class CachePolicy {
  kNoStore,  // Cache-Control: no-store
  kSearch,   // private, short max-age (answers depend on the key)
  kProfile,  // public, short max-age, ETag revalidation
  kVocab,    // public, long max-age, ETag revalidation
  kStatic,   // public, medium max-age, ETag revalidation
  kEmbed,    // public, long max-age, ETag revalidation (the versioned /embed/v1/ scripts)
};

// Whether a browser-safe partner key (key_policy.h) may call a route.
enum class BrowserKeys {
  kRefused,   // server-side keys only (the default)
  kAccepted,  // a route a search page calls: search, suggest, profile, vocab, directory
};

// Whether pages of other sites may read a route's answers (CORS). The public
// API always may; among the rest, only scripts a partner page loads (the
// search widget and the page modules it imports) may.
enum class CrossOrigin {
  kSameOrigin,  // no CORS headers (the default)
  kAnyOrigin,   // Access-Control-Allow-Origin: *
};

// How a read replica (--replica, docs/scaling.md) answers a route. The editor
// API (Access::kEditor) always needs the primary's store; other routes say so
// here.
enum class OnReplica {
  kServed,   // answered from the replicated index, as on the primary
  kPrimary,  // 503 read_only_replica naming the primary
};

// How a route's errors are written: the JSON error of DESIGN.md §3, or a FHIR
// OperationOutcome (the /fhir routes, operation_outcome.h).
enum class ErrorForm {
  kJson,
  kOperationOutcome,
};

struct Route {
  std::vector<std::string> methods;  // "GET" also answers HEAD
  std::string pattern;               // "/a/{name}/b"; a final "/*" matches the rest
  Handler handler;
  Access access = Access::kPublicApi;
  CachePolicy cache = CachePolicy::kNoStore;
  // Content types a request body may have; empty: the route takes no body.
  std::vector<std::string> body_types = {};
  std::string summary = {};  // one line for the OpenAPI document
  BrowserKeys browser_keys = BrowserKeys::kRefused;
  OnReplica on_replica = OnReplica::kServed;
  CrossOrigin cross_origin = CrossOrigin::kSameOrigin;  // kPublicApi: always any origin
  ErrorForm errors = ErrorForm::kJson;
};

// True for a route a read replica refuses (OnReplica above).
[[nodiscard]] bool NeedsPrimary(const Route& route);

// The error form of the route a GET of `path` matches; for a path no route
// matches, that of the routes in its first segment ("/fhir/Foo": the /fhir
// routes') when they agree; otherwise kJson.
[[nodiscard]] ErrorForm ErrorFormOf(const std::vector<Route>& routes, std::string_view path);

struct RouteMatch {
  const Route* route = nullptr;               // null: no route for this method
  std::map<std::string, std::string> params;  // {name} segments and "*" (rest of path)
  std::vector<std::string> allowed;           // methods the path answers (for 405/Allow)
};

// Finds the route for `method` and `path` in `routes`. With no route for the
// path, `allowed` is empty (404); with routes only for other methods,
// `route` is null and `allowed` lists them (405).
RouteMatch MatchRoute(const std::vector<Route>& routes, std::string_view method,
                      std::string_view path);

}  // namespace rapport
