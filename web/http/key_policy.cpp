// Key policy (key_policy.h).
#include "key_policy.h"

#include <algorithm>
#include <cctype>

#include "utc_time.h"

namespace rapport {
namespace {

constexpr std::string_view kHttps = "https://";
constexpr std::string_view kHttp = "http://";
constexpr std::string_view kEndOfDay = "T23:59:59Z";
constexpr size_t kMaxOriginBytes = 255;
constexpr int kMaxPort = 65535;

Error BadOrigin(std::string_view text) {
  return Error::BadParameter("--origin",
                             "an origin is https://HOST[:PORT] (http only for localhost): " +
                                 std::string(text.substr(0, kMaxOriginBytes)));
}

bool IsHostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
}

bool IsLocalHost(std::string_view host) { return host == "localhost" || host == "127.0.0.1"; }

}  // namespace

Result<std::string> ParseKeyOrigin(std::string_view text) {
  if (text.size() > kMaxOriginBytes) return BadOrigin(text);
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool https = lower.rfind(kHttps, 0) == 0;
  if (!https && lower.rfind(kHttp, 0) != 0) return BadOrigin(text);
  const std::string scheme(https ? kHttps : kHttp);
  std::string authority = lower.substr(scheme.size());
  if (!authority.empty() && authority.back() == '/') authority.pop_back();
  const size_t colon = authority.find(':');
  const std::string host = authority.substr(0, colon);
  if (host.empty() || host.front() == '.' || host.back() == '.' ||
      !std::all_of(host.begin(), host.end(), IsHostChar)) {
    return BadOrigin(text);
  }
  if (!https && !IsLocalHost(host)) return BadOrigin(text);
  std::string origin = scheme + host;
  if (colon != std::string::npos) {
    const std::string port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; }) ||
        std::stoi(port) < 1 || std::stoi(port) > kMaxPort) {
      return BadOrigin(text);
    }
    const bool default_port = (https && port == "443") || (!https && port == "80");
    if (!default_port) origin += ":" + port;
  }
  return origin;
}

Result<std::string> ParseKeyExpiry(std::string_view date) {
  const std::string timestamp = std::string(date) + std::string(kEndOfDay);
  // The one strict parser also refuses days that do not exist (2027-02-30).
  if (date.size() != std::string_view("YYYY-MM-DD").size() || !ParseUtcTimestamp(timestamp) ||
      FormatUtcTimestamp(*ParseUtcTimestamp(timestamp)) != timestamp) {
    return Error::BadParameter("--expires",
                               "the expiry is a date YYYY-MM-DD (the key works "
                               "through that day, UTC): " +
                                   std::string(date.substr(0, kMaxOriginBytes)));
  }
  return timestamp;
}

Status CheckKeyUse(const KeyIdentity& key, const Route& route, const HttpRequest& request) {
  if (!key.search_only) return Status::Ok();
  if (route.browser_keys != BrowserKeys::kAccepted) {
    return Error::Forbidden("Authorization",
                            "this key is browser-safe: it works only for search, suggest, "
                            "profiles and vocabularies");
  }
  const std::string origin = request.Header("origin");
  if (std::find(key.origins.begin(), key.origins.end(), origin) == key.origins.end()) {
    return Error::Forbidden("Origin", "this key works only from the sites it was made for");
  }
  return Status::Ok();
}

}  // namespace rapport
