// The request pipeline around the handlers (see dispatcher.h).
#include "dispatcher.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>

#include "access_log.h"
#include "client_key.h"
#include "gzip.h"
#include "http_errors.h"
#include "key_policy.h"
#include "operation_outcome.h"
#include "profile_validator.h"
#include "replica_status.h"
#include "request_cost.h"
#include "routes.h"
#include "validation_checks.h"

namespace rapport {
namespace {

constexpr std::string_view kUnmatchedRoute = "unmatched";
constexpr std::string_view kPartnerKeyTag = "rk_";
constexpr std::string_view kRequestCostHeader = "X-Request-Cost";
constexpr int kPreflightMaxAgeSeconds = 600;
constexpr const char* kPageSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

std::vector<std::string> AllowedWithOptions(std::vector<std::string> allowed) {
  allowed.push_back("OPTIONS");
  std::vector<std::string> unique;
  for (auto& method : allowed) {
    if (std::find(unique.begin(), unique.end(), method) == unique.end()) unique.push_back(method);
  }
  return unique;
}

bool PathIsPublicApi(const std::vector<Route>& routes, const std::string& path) {
  const RouteMatch any = MatchRoute(routes, "GET", path);
  return any.route && any.route->access == Access::kPublicApi;
}

void AddCors(HttpResponse& response) {
  response.SetHeader("Access-Control-Allow-Origin", "*");
  response.SetHeader("Access-Control-Expose-Headers",
                     "ETag, Retry-After, X-Request-Id, " + std::string(kRequestCostHeader) +
                         ", RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset");
}

HttpResponse Preflight(const RouteMatch& match, const HttpRequest& request,
                       const std::vector<Route>& routes) {
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  const std::vector<std::string> allowed = AllowedWithOptions(match.allowed);
  response.SetHeader("Allow", CommaJoined(allowed));
  if (PathIsPublicApi(routes, request.path)) {
    AddCors(response);
    response.SetHeader("Access-Control-Allow-Methods", CommaJoined(allowed));
    response.SetHeader("Access-Control-Allow-Headers",
                       "Authorization, Content-Type, If-None-Match, X-Request-Id");
    response.SetHeader("Access-Control-Max-Age", std::to_string(kPreflightMaxAgeSeconds));
  }
  return response;
}

// The token bucket a public API request draws from: its partner key's, or
// its client address's (an IPv6 address's /64).
struct RateBucket {
  std::string key;
  double rate = 0;
  int burst = 0;
};

RateBucket BucketOf(const HttpRequest& request, const ServerConfig& config) {
  if (request.key) {
    return {"key:" + request.key->prefix, request.key->rate_per_second, request.key->burst};
  }
  return {"addr:" + ClientKey(request.client_address), config.anon_rate, config.anon_burst};
}

// A keyed answer says where the key's bucket stands (the IETF RateLimit
// fields), so a partner can slow down before a 429.
void AddRateLimitFields(const HttpRequest& request, ServerState& state, HttpResponse& response) {
  if (!request.key) return;
  const RateBucket bucket = BucketOf(request, state.config());
  const RateLimiter::Level level =
      state.rate_limiter().LevelOf(bucket.key, bucket.rate, bucket.burst);
  response.SetHeader("RateLimit-Limit", std::to_string(level.limit));
  response.SetHeader("RateLimit-Remaining", std::to_string(level.remaining));
  response.SetHeader("RateLimit-Reset", std::to_string(level.reset_seconds));
}

// Authenticates a partner key, checks a browser-safe key's origin and route
// (key_policy.h) and takes a rate-limit token. Returns an error response, or
// nothing when the request may go on.
std::optional<HttpResponse> Admit(const Route& route, HttpRequest& request, ServerState& state) {
  const std::optional<std::string> token = request.BearerToken();
  if (token && token->rfind(kPartnerKeyTag, 0) == 0) {
    auto identity = state.AuthenticateKey(*token);
    if (!identity) return ErrorResponse(identity.error());
    request.key = std::move(identity.value());
    state.metrics().RecordKeyRequest(request.key->partner);
    if (Status allowed = CheckKeyUse(*request.key, route, request); !allowed) {
      return ErrorResponse(allowed.error());
    }
  }
  const RateBucket bucket = BucketOf(request, state.config());
  const int retry_after = state.rate_limiter().Acquire(bucket.key, bucket.rate, bucket.burst);
  if (retry_after > 0) {
    state.metrics().RecordRateLimited(request.key.has_value());
    HttpResponse refused = RateLimitedResponse(retry_after);
    AddRateLimitFields(request, state, refused);
    return refused;
  }
  return std::nullopt;
}

// A path {id} that no profile can have is a 404 here, whatever the route,
// and the answer does not echo it (a 1 MB id would come back whole).
std::optional<HttpResponse> RefuseImpossibleId(const HttpRequest& request) {
  const auto id = request.path_params.find("id");
  if (id == request.path_params.end() ||
      CheckProfileId(id->second, ValidationLimits{}.id_max_length).empty()) {
    return std::nullopt;
  }
  return ErrorResponse(Error::NotFound("no therapist has this id"));
}

HttpResponse RunHandler(const Route& route, const HttpRequest& request, ServerState& state) {
  try {
    return route.handler(request, state);
  } catch (const std::exception& e) {
    WriteServerLog("handler_exception", request.request_id + " " + e.what());
  } catch (...) {
    WriteServerLog("handler_exception", request.request_id + " unknown exception");
  }
  return ErrorResponse(Error::Internal("handler failed"));
}

// Runs an admitted public API request and charges its bucket what it cost
// beyond the token Admit took (request_cost.h); the answer says the cost.
HttpResponse RunCharged(const Route& route, const HttpRequest& request, ServerState& state) {
  const auto start = std::chrono::steady_clock::now();
  HttpResponse response = RunHandler(route, request, state);
  const int units =
      CostUnits(std::chrono::steady_clock::now() - start, state.config().cost_unit_ms);
  const RateBucket bucket = BucketOf(request, state.config());
  state.rate_limiter().Charge(bucket.key, units - 1, bucket.rate, bucket.burst);
  state.metrics().RecordCost(request.key.has_value(), units);
  response.SetHeader(std::string(kRequestCostHeader), std::to_string(units));
  AddRateLimitFields(request, state, response);
  return response;
}

std::string CacheControl(CachePolicy policy, const ServerConfig& config) {
  switch (policy) {
    case CachePolicy::kNoStore:
      return "no-store";
    case CachePolicy::kSearch:
      return "private, max-age=" + std::to_string(config.search_max_age_s);
    case CachePolicy::kProfile:
      return "public, max-age=" + std::to_string(config.profile_max_age_s);
    case CachePolicy::kVocab:
      return "public, max-age=" + std::to_string(config.vocab_max_age_s);
    case CachePolicy::kStatic:
      return "public, max-age=" + std::to_string(config.static_max_age_s);
    case CachePolicy::kEmbed:
      return "public, max-age=" + std::to_string(config.embed_max_age_s);
  }
  return "no-store";
}

// The request headers an answer under `policy` depends on, so a shared cache
// keys on them: a partner key's fixed filter changes searches and profiles
// (one partner must never get another's answer), and a profile URL answers a
// page to browsers that prefer HTML.
std::string VaryOf(CachePolicy policy) {
  switch (policy) {
    case CachePolicy::kSearch:
      return "Authorization";
    case CachePolicy::kProfile:
      return "Authorization, Accept";
    case CachePolicy::kNoStore:
    case CachePolicy::kVocab:
    case CachePolicy::kStatic:
    case CachePolicy::kEmbed:
      return "";
  }
  return "";
}

// True when If-None-Match names `etag` (or is "*"); weak tags compare equal.
bool EtagMatches(const std::string& if_none_match, const std::string& etag) {
  if (if_none_match.empty() || etag.empty()) return false;
  auto strip = [](std::string tag) {
    tag.erase(0, tag.find_first_not_of(" \t"));
    tag.erase(tag.find_last_not_of(" \t") + 1);
    if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
    return tag;
  };
  size_t start = 0;
  while (start <= if_none_match.size()) {
    size_t end = if_none_match.find(',', start);
    if (end == std::string::npos) end = if_none_match.size();
    const std::string tag = strip(if_none_match.substr(start, end - start));
    if (tag == "*" || tag == strip(etag)) return true;
    start = end + 1;
  }
  return false;
}

// Whether other sites' pages may read the route's answers (routes.h).
bool SharedCrossOrigin(const Route& route) {
  return route.access == Access::kPublicApi || route.cross_origin == CrossOrigin::kAnyOrigin;
}

void Finish(const Route& route, const HttpRequest& request, const ServerState& state,
            HttpResponse& response) {
  const bool success = response.status >= 200 && response.status < 300;
  if (route.access == Access::kEditor) {
    response.SetHeader("Cache-Control", "no-store");
  } else if (success) {
    response.SetHeader("Cache-Control", CacheControl(route.cache, state.config()));
  }
  if (SharedCrossOrigin(route)) AddCors(response);
  if (const std::string vary = VaryOf(route.cache); !vary.empty()) response.SetHeader("Vary", vary);
  if (route.access == Access::kPage) {
    response.SetHeader("Content-Security-Policy", kPageSecurityPolicy);
  }
  if (success && EtagMatches(request.Header("if-none-match"), response.GetHeader("ETag"))) {
    response.status = 304;
    response.body.clear();
    response.gzip_body.reset();
  }
}

void Encode(const HttpRequest& request, const ServerState& state, HttpResponse& response) {
  if (!CompressibleType(response.content_type)) return;
  const std::string vary = response.GetHeader("Vary");
  response.SetHeader("Vary", vary.empty() ? "Accept-Encoding" : vary + ", Accept-Encoding");
  if (response.body.size() < state.config().gzip_min_bytes ||
      !AcceptsGzip(request.Header("accept-encoding"))) {
    return;
  }
  std::optional<std::string> compressed =
      response.gzip_body ? *response.gzip_body : GzipCompress(response.body);
  if (compressed) {
    response.body = std::move(*compressed);
    response.SetHeader("Content-Encoding", "gzip");
  }
}

}  // namespace

DispatchOutcome Dispatch(HttpRequest& request, ServerState& state) {
  DispatchOutcome outcome;
  const std::vector<Route>& routes = state.routes();
  const RouteMatch match = MatchRoute(routes, request.method, request.path);
  if (match.allowed.empty()) {
    outcome.route = kUnmatchedRoute;
    outcome.response = ErrorResponse(Error::NotFound("no such endpoint"));
  } else if (request.method == "OPTIONS") {
    outcome.route = MatchRoute(routes, match.allowed.front(), request.path).route->pattern;
    outcome.response = Preflight(match, request, routes);
  } else if (!match.route) {
    outcome.route = MatchRoute(routes, match.allowed.front(), request.path).route->pattern;
    outcome.response = MethodNotAllowedResponse(AllowedWithOptions(match.allowed));
  } else {
    const Route& route = *match.route;
    outcome.route = route.pattern;
    request.path_params = match.params;
    std::optional<HttpResponse> refused;
    if (state.config().replica && NeedsPrimary(route)) {
      refused = ErrorResponse(ReadOnlyReplica("editor requests", state.config().primary_url));
    }
    if (!refused && !route.body_types.empty()) {
      const std::string type = request.MediaType();
      if (std::find(route.body_types.begin(), route.body_types.end(), type) ==
          route.body_types.end()) {
        refused = ErrorResponse(UnsupportedMediaType(route.body_types));
      }
    }
    const bool public_api = route.access == Access::kPublicApi;
    if (!refused && public_api) refused = Admit(route, request, state);
    if (!refused) refused = RefuseImpossibleId(request);
    if (refused) {
      outcome.response = std::move(*refused);
    } else {
      outcome.response =
          public_api ? RunCharged(route, request, state) : RunHandler(route, request, state);
    }
    if (request.key) outcome.key_name = request.key->partner;
    Finish(route, request, state, outcome.response);
    if (SharedCrossOrigin(route)) AddCors(outcome.response);
  }
  if (ErrorFormOf(routes, request.path) == ErrorForm::kOperationOutcome) {
    RewriteAsOperationOutcome(outcome.response);
  }
  if (!outcome.response.log_detail.empty()) {
    WriteServerLog("server_error", request.request_id + " " + outcome.route + " " +
                                       std::to_string(outcome.response.status) + ": " +
                                       outcome.response.log_detail);
  }
  outcome.response.SetHeader("X-Request-Id", request.request_id);
  outcome.response.SetHeader("X-Content-Type-Options", "nosniff");
  outcome.response.SetHeader("Referrer-Policy", "no-referrer");
  Encode(request, state, outcome.response);
  if (request.method == "HEAD") outcome.response.body.clear();
  return outcome;
}

}  // namespace rapport
