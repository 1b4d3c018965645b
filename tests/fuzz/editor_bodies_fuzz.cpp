// Fuzzes what the editor API reads from a request besides a profile: the
// login body, the restore body, If-Match and the session cookie. The first
// byte picks the reader; the rest is the body or header value.
//
// Invariants: a refused body or header is a 4xx naming its field (If-Match
// for If-Match); an accepted login has a non-empty email and password, an
// accepted restore a version of at least 1, an accepted If-Match a version
// that reads back the same when sent as its ETag; a cookie value found is
// trimmed and holds no ';'.
#include "editor_auth.h"
#include "editor_bodies.h"
#include "editor_responses.h"
#include "fuzz_support.h"
#include "server_config.h"

namespace rapport::fuzz {
namespace {

enum class Reader : uint8_t { kLogin, kRestore, kIfMatch, kCookie, kCount };

void FuzzLogin(const std::string& body) {
  Result<LoginBody> login = ReadLoginBody(body, BodyJsonLimits(ServerConfig{}));
  if (!login) return CheckClientError(login.error(), "login body", FieldRule::kRequired);
  FUZZ_CHECK(!login.value().email.empty() && !login.value().password.empty(), body);
}

void FuzzRestore(const std::string& body) {
  Result<int64_t> version = ReadRestoreBody(body, BodyJsonLimits(ServerConfig{}));
  if (!version) return CheckClientError(version.error(), "restore body", FieldRule::kRequired);
  FUZZ_CHECK(version.value() >= 1, std::to_string(version.value()));
}

Result<int64_t> IfMatchOf(const std::string& value) {
  HttpRequest request;
  request.headers["if-match"] = value;
  return IfMatchVersion(request);
}

void FuzzIfMatch(const std::string& value) {
  Result<int64_t> version = IfMatchOf(value);
  if (!version) {
    CheckClientError(version.error(), "If-Match", FieldRule::kRequired);
    FUZZ_CHECK(version.error().field == "If-Match", version.error().field);
    return;
  }
  FUZZ_CHECK(version.value() >= 0, std::to_string(version.value()));
  Result<int64_t> as_etag = IfMatchOf("\"" + std::to_string(version.value()) + "\"");
  FUZZ_CHECK(as_etag.ok() && as_etag.value() == version.value(), value);
}

void FuzzCookie(const std::string& header) {
  HttpRequest request;
  request.headers["cookie"] = header;
  const std::string value = CookieValue(request, kSessionCookieName);
  FUZZ_CHECK(value.find(';') == std::string::npos, value);
  if (value.empty()) return;
  for (char edge : {value.front(), value.back()}) FUZZ_CHECK(edge != ' ' && edge != '\t', value);
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport::fuzz;
  if (size == 0) return 0;
  const auto reader = static_cast<Reader>(data[0] % static_cast<uint8_t>(Reader::kCount));
  const std::string text(AsText(data + 1, size - 1));
  switch (reader) {
    case Reader::kLogin:
      FuzzLogin(text);
      break;
    case Reader::kRestore:
      FuzzRestore(text);
      break;
    case Reader::kIfMatch:
      FuzzIfMatch(text);
      break;
    case Reader::kCookie:
    case Reader::kCount:
      FuzzCookie(text);
      break;
  }
  return 0;
}
