// The JSON error answers of the HTTP layer, including that a 500 never
// carries internals.
#include "http_errors.h"

#include <doctest/doctest.h>

namespace rapport {
namespace {

TEST_CASE("an error becomes the JSON of DESIGN.md with its status") {
  HttpResponse response = ErrorResponse(Error::BadParameter("limit", "limit must be at most 100"));
  CHECK(response.status == 400);
  CHECK(
      response.body ==
      R"({"error":{"code":"invalid_parameter","message":"limit must be at most 100","field":"limit"}})");
  CHECK(response.GetHeader("cache-control") == "no-store");
}

TEST_CASE("a 500 keeps its code but hides the message") {
  HttpResponse response =
      ErrorResponse(Error::Internal("SQLite error at /var/lib/rapport/rapport.sqlite"));
  CHECK(response.status == 500);
  CHECK(response.body.find("sqlite") == std::string::npos);
  CHECK(response.body.find("/var/lib") == std::string::npos);
  CHECK(response.body.find("\"code\":\"internal\"") != std::string::npos);
  CHECK(ErrorResponse(Error{42, "odd", "odd", ""}).status == 500);
}

TEST_CASE("405 lists the allowed methods, 429 says when to retry") {
  CHECK(MethodNotAllowedResponse({"GET", "HEAD"}).GetHeader("Allow") == "GET, HEAD");
  HttpResponse limited = RateLimitedResponse(7);
  CHECK(limited.status == 429);
  CHECK(limited.GetHeader("Retry-After") == "7");
}

}  // namespace
}  // namespace rapport
