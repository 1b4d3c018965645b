// Who is calling the editor API: a session cookie (browsers) or an
// `Authorization: Bearer rpe_…` token (scripts), resolved to an editor and
// checked against the role a route needs.
//
// Cookie-authenticated requests that change state (anything but GET/HEAD)
// must echo the session's CSRF token in X-CSRF-Token: a cross-site form or
// script cannot read it. Bearer requests need no CSRF token, since browsers
// never attach one on their own.
//
//   auto who = AuthenticateEditor(request, services, EditorRole::kEditor);
//   if (!who) return ErrorResponse(who.error());   // 401 or 403
#pragma once

#include <string>
#include <string_view>

#include "editor_accounts.h"
#include "editor_services.h"
#include "error.h"
#include "http_types.h"

namespace rapport {

class ServerState;

inline constexpr std::string_view kSessionCookieName = "rapport_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

struct EditorIdentity {
  Editor editor;
  bool via_session = false;
  std::string csrf_token;  // the session's; empty for bearer tokens
};

// The editor behind `request`. 401 "unauthorized" without credentials,
// 401 "session_expired" for an unknown or expired session, 403
// "csrf_failed" for a missing or wrong X-CSRF-Token on a state-changing
// cookie request, 403 "forbidden" when `required` is admin and the editor
// is not.
[[nodiscard]] Result<EditorIdentity> AuthenticateEditor(const HttpRequest& request,
                                                        EditorServices& services,
                                                        EditorRole required);

struct EditorCall {
  EditorServices* services = nullptr;
  EditorIdentity identity;
};

// What every editor handler starts with: the server's editor services (503
// if unavailable) and the authenticated caller (as AuthenticateEditor).
[[nodiscard]] Result<EditorCall> BeginEditorCall(const HttpRequest& request,
                                                 const ServerState& state, EditorRole required);

// The value of cookie `name` in the request's Cookie header, or "".
[[nodiscard]] std::string CookieValue(const HttpRequest& request, std::string_view name);

// The Set-Cookie value for a new session token, and for clearing it.
[[nodiscard]] std::string SessionCookie(const std::string& token, const EditorConfig& config);
[[nodiscard]] std::string ExpiredSessionCookie(const EditorConfig& config);

}  // namespace rapport
