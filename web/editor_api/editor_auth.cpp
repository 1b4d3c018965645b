// Resolving editor credentials and checking CSRF tokens (editor_auth.h).
#include "editor_auth.h"

#include "secret_token.h"

namespace rapport {
namespace {

bool ChangesState(const std::string& method) { return method != "GET" && method != "HEAD"; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string CookieAttributes(const EditorConfig& config) {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") +
         (config.secure_cookies ? "; Secure" : "");
}

Result<EditorIdentity> FromBearer(std::string_view token, EditorServices& services) {
  auto editor = services.accounts().ResolveToken(token);
  if (!editor) return editor.error();
  EditorIdentity identity;
  identity.editor = std::move(editor).value();
  return identity;
}

Result<EditorIdentity> FromSession(const HttpRequest& request, const std::string& token,
                                   EditorServices& services) {
  auto session = services.sessions().Resolve(token);
  if (!session) return session.error();
  if (ChangesState(request.method) &&
      !ConstantTimeEquals(request.Header(kCsrfHeader), session.value().csrf_token)) {
    return Error{403, "csrf_failed",
                 "missing or wrong X-CSRF-Token header (use the csrf_token of the login answer)",
                 "X-CSRF-Token"};
  }
  EditorIdentity identity;
  identity.editor = session.value().editor;
  identity.via_session = true;
  identity.csrf_token = session.value().csrf_token;
  return identity;
}

}  // namespace

std::string CookieValue(const HttpRequest& request, std::string_view name) {
  const std::string header = request.Header("cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    const size_t end = rest.find(';');
    std::string_view pair = Trim(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const size_t equals = pair.find('=');
    if (equals != std::string_view::npos && Trim(pair.substr(0, equals)) == name) {
      return std::string(Trim(pair.substr(equals + 1)));
    }
  }
  return "";
}

std::string SessionCookie(const std::string& token, const EditorConfig& config) {
  return std::string(kSessionCookieName) + "=" + token + CookieAttributes(config) +
         "; Max-Age=" + std::to_string(config.sessions.absolute_timeout.count());
}

std::string ExpiredSessionCookie(const EditorConfig& config) {
  return std::string(kSessionCookieName) + "=" + CookieAttributes(config) + "; Max-Age=0";
}

Result<EditorIdentity> AuthenticateEditor(const HttpRequest& request, EditorServices& services,
                                          EditorRole required) {
  Result<EditorIdentity> identity =
      Error{401, "unauthorized", "log in (POST /api/v1/session) or send a bearer token", ""};
  if (const std::optional<std::string> token = request.BearerToken()) {
    identity = FromBearer(*token, services);
  } else if (const std::string token = CookieValue(request, kSessionCookieName); !token.empty()) {
    identity = FromSession(request, token, services);
  }
  if (!identity) return identity;
  if (required == EditorRole::kAdmin && identity.value().editor.role != EditorRole::kAdmin) {
    return Error::Forbidden("", "this needs the admin role");
  }
  return identity;
}

Result<EditorCall> BeginEditorCall(const HttpRequest& request, const ServerState& state,
                                   EditorRole required) {
  auto services = EditorServicesOf(state);
  if (!services) return services.error();
  auto identity = AuthenticateEditor(request, *services.value(), required);
  if (!identity) return identity.error();
  return EditorCall{services.value(), std::move(identity).value()};
}

}  // namespace rapport
