// HttpRequest and HttpResponse: the server's own view of one exchange, free
// of cpprestsdk, so handlers are plain functions of a request. http_server.cpp
// converts to and from cpprestsdk's types.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search_request.h"

namespace rapport {

// A partner key that authenticated this request (api_keys.h).
struct KeyIdentity {
  int64_t id = 0;
  std::string partner;
  std::string prefix;
  double rate_per_second = 0;
  int burst = 0;
  std::map<std::string, std::vector<std::string>> fixed_filters;  // facet → values
  std::optional<std::string> fixed_licensed_state;
  // A browser-safe key: accepted only from `origins` (the Origin header) and
  // only on the routes a browser search needs (api_keys.h).
  bool search_only = false;
  std::vector<std::string> origins;
};

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // upper case, e.g. "GET"
  std::string path;    // percent-decoded, valid UTF-8
  QueryPairs query;    // percent-decoded name/value pairs in order, repeats kept
  std::string raw_query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string client_address;
  std::string request_id;
  std::map<std::string, std::string> path_params;  // {name} segments of the route
  std::optional<KeyIdentity> key;                  // set on public API routes

  // Header value, or "" when absent. `name` in lower case.
  std::string Header(std::string_view name) const {
    auto it = headers.find(std::string(name));
    return it == headers.end() ? std::string() : it->second;
  }
  // The media type of Content-Type, lower case, without parameters or
  // spaces ("application/json" for "Application/JSON; charset=utf-8").
  std::string MediaType() const;
  std::string PathParam(std::string_view name) const {
    auto it = path_params.find(std::string(name));
    return it == path_params.end() ? std::string() : it->second;
  }
  // The token of `Authorization: Bearer <token>`, the scheme in any case
  // (RFC 9110 §11.1) and spaces around the token dropped; nullopt for no
  // header, another scheme or an empty token.
  std::optional<std::string> BearerToken() const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // `body` already gzipped (a static file, compressed once at the best level),
  // sent instead of compressing the body anew to a client that accepts gzip.
  std::shared_ptr<const std::string> gzip_body;
  std::vector<std::pair<std::string, std::string>> headers;
  // What a 5xx answer does not show the client (a file path, Xapian's error
  // text): the dispatcher logs it with the request id. Never sent.
  std::string log_detail;

  static HttpResponse Json(std::string body, int status = 200) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
  }
  // Replaces any header of the same name (case-insensitive).
  void SetHeader(std::string name, std::string value);
  // Value of a header set on this response, or "" when unset.
  std::string GetHeader(std::string_view name) const;
};

}  // namespace rapport
