// Request helpers of HttpRequest (http_types.h).
#include "http_types.h"

#include <strings.h>

namespace rapport {
namespace {

constexpr std::string_view kBearerScheme = "bearer";

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::optional<std::string> HttpRequest::BearerToken() const {
  const std::string authorization = Header("authorization");
  const size_t scheme_end = kBearerScheme.size();
  if (authorization.size() <= scheme_end || !IsSpace(authorization[scheme_end]) ||
      strncasecmp(authorization.c_str(), kBearerScheme.data(), scheme_end) != 0) {
    return std::nullopt;
  }
  size_t begin = scheme_end;
  size_t end = authorization.size();
  while (begin < end && IsSpace(authorization[begin])) ++begin;
  while (end > begin && IsSpace(authorization[end - 1])) --end;
  if (begin == end) return std::nullopt;
  return authorization.substr(begin, end - begin);
}

}  // namespace rapport
