// JSON error bodies and the HTTP layer's own errors.
#include "http_errors.h"

#include <algorithm>
#include <cctype>

#include "search_result_json.h"

namespace rapport {

std::string CommaJoined(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return joined;
}

void HttpResponse::SetHeader(std::string name, std::string value) {
  auto same = [&](const std::pair<std::string, std::string>& h) {
    return std::equal(h.first.begin(), h.first.end(), name.begin(), name.end(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  };
  headers.erase(std::remove_if(headers.begin(), headers.end(), same), headers.end());
  headers.emplace_back(std::move(name), std::move(value));
}

std::string HttpResponse::GetHeader(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (std::equal(key.begin(), key.end(), name.begin(), name.end(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return value;
    }
  }
  return "";
}

HttpResponse ErrorResponse(const Error& error) {
  const int status = error.status >= 400 && error.status <= 599 ? error.status : 500;
  std::string message = error.message;
  std::string code = error.code.empty() ? "internal" : error.code;
  // Errors of the index and of our own code carry paths and library text.
  if (status == 500) message = "internal error; the request id identifies it in the server log";
  if (code == "index_unavailable") message = "the search index is unavailable; retry shortly";
  HttpResponse response =
      HttpResponse::Json(ErrorToJson(Error{status, std::move(code), message, error.field}), status);
  response.SetHeader("Cache-Control", "no-store");
  if (message != error.message) response.log_detail = error.message;
  return response;
}

Error MethodNotAllowed(const std::vector<std::string>& allowed) {
  // The request's own method is not quoted back: it may be any length.
  return {405, "method_not_allowed", "this path answers only " + CommaJoined(allowed), ""};
}

Error PayloadTooLarge(size_t limit_bytes) {
  return {413, "payload_too_large",
          "request body exceeds " + std::to_string(limit_bytes) + " bytes", ""};
}

Error UnsupportedMediaType(const std::vector<std::string>& accepted) {
  return {415, "unsupported_media_type", "Content-Type must be one of: " + CommaJoined(accepted),
          "Content-Type"};
}

Error RateLimited(int retry_after_seconds) {
  return {429, "rate_limited",
          "rate limit reached (each request takes the tokens its X-Request-Cost header "
          "showed); retry after " +
              std::to_string(retry_after_seconds) + " s",
          ""};
}

Error Overloaded() { return {503, "overloaded", "the server is busy; retry shortly", ""}; }

Error Unauthorized(const std::string& message) {
  return {401, "unauthorized", message, "Authorization"};
}

Error UriTooLong(size_t limit_bytes) {
  return {414, "uri_too_long", "query string exceeds " + std::to_string(limit_bytes) + " bytes",
          ""};
}

HttpResponse MethodNotAllowedResponse(const std::vector<std::string>& allowed) {
  HttpResponse response = ErrorResponse(MethodNotAllowed(allowed));
  response.SetHeader("Allow", CommaJoined(allowed));
  return response;
}

HttpResponse RateLimitedResponse(int retry_after_seconds) {
  return RetryLaterResponse(RateLimited(retry_after_seconds), retry_after_seconds);
}

HttpResponse RetryLaterResponse(const Error& error, int retry_after_seconds) {
  HttpResponse response = ErrorResponse(error);
  response.SetHeader("Retry-After", std::to_string(retry_after_seconds));
  return response;
}

}  // namespace rapport
