// Request helpers of HttpRequest (http_types.h).
#include "http_types.h"

#include <strings.h>

#include <algorithm>
#include <cctype>

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

std::string HttpRequest::MediaType() const {
  const std::string content_type = Header("content-type");
  std::string type = content_type.substr(0, content_type.find(';'));
  type.erase(std::remove_if(type.begin(), type.end(),
                            [](unsigned char c) { return std::isspace(c) != 0; }),
             type.end());
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

}  // namespace rapport
