// POST/GET/DELETE /api/v1/session: editor login, who-am-I, logout.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "client_key.h"
#include "editor_auth.h"
#include "editor_bodies.h"
#include "editor_responses.h"
#include "editor_services.h"
#include "handlers_editor.h"
#include "http_errors.h"

namespace rapport {
namespace {

std::string SessionJson(const Editor& editor, const std::string& csrf_token,
                        const EditorConfig& config) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("csrf_token");
  writer.String(csrf_token);
  writer.Key("editor");
  writer.StartObject();
  writer.Key("email");
  writer.String(editor.email);
  writer.Key("role");
  writer.String(std::string(RoleName(editor.role)));
  writer.EndObject();
  writer.Key("idle_timeout_s");
  writer.Int64(config.sessions.idle_timeout.count());
  writer.Key("absolute_timeout_s");
  writer.Int64(config.sessions.absolute_timeout.count());
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The account, after waiting for a turn at the bounded password checks (503
// "overloaded" when the line is full).
Result<Editor> CheckPassword(EditorServices& editors, const std::string& email,
                             const std::string& password) {
  auto turn = editors.password_checks().Enter();
  if (!turn) return turn.error();
  return editors.accounts().Authenticate(email, password);
}

// 429 "too_many_attempts" with Retry-After: the login is delayed after failures.
HttpResponse TooManyAttemptsResponse(long wait_seconds) {
  return RetryLaterResponse(
      Error{429, "too_many_attempts",
            "too many failed logins; try again in " + std::to_string(wait_seconds) + " seconds",
            ""},
      static_cast<int>(wait_seconds));
}

}  // namespace

HttpResponse HandleLogin(const HttpRequest& request, ServerState& state) {
  auto services = EditorServicesOf(state);
  if (!services) return ErrorResponse(services.error());
  EditorServices& editors = *services.value();
  auto login = ReadLoginBody(request.body, BodyJsonLimits(state.config()));
  if (!login) return ErrorResponse(login.error());
  const std::string& email = login.value().email;
  const std::string& password = login.value().password;
  LoginThrottle& throttle = editors.login_throttle();
  const std::string client = ClientKey(request.client_address);
  if (const long wait = throttle.RetryAfterSeconds(email, client); wait > 0) {
    return TooManyAttemptsResponse(wait);
  }
  auto editor = CheckPassword(editors, email, password);
  if (!editor) {
    if (editor.error().status == 401) throttle.RecordFailure(email, client);
    return editor.error().status == 503
               ? RetryLaterResponse(editor.error(), PasswordCheckGate::kRetryAfterSeconds)
               : ErrorResponse(editor.error());
  }
  throttle.RecordSuccess(email, client);
  // Logins are rare: a good moment to drop sessions nobody will use again.
  static_cast<void>(editors.sessions().PurgeExpired());
  auto session = editors.sessions().Create(editor.value().id);
  if (!session) return ErrorResponse(session.error());
  HttpResponse response = NoStoreJsonResponse(
      SessionJson(editor.value(), session.value().csrf_token, editors.config()));
  response.SetHeader("Set-Cookie", SessionCookie(session.value().token, editors.config()));
  return response;
}

HttpResponse HandleSessionInfo(const HttpRequest& request, ServerState& state) {
  auto services = EditorServicesOf(state);
  if (!services) return ErrorResponse(services.error());
  auto who = AuthenticateEditor(request, *services.value(), EditorRole::kEditor);
  if (!who) return ErrorResponse(who.error());
  return NoStoreJsonResponse(
      SessionJson(who.value().editor, who.value().csrf_token, services.value()->config()));
}

HttpResponse HandleLogout(const HttpRequest& request, ServerState& state) {
  auto services = EditorServicesOf(state);
  if (!services) return ErrorResponse(services.error());
  auto who = AuthenticateEditor(request, *services.value(), EditorRole::kEditor);
  if (!who) return ErrorResponse(who.error());
  if (who.value().via_session) {
    const std::string token = CookieValue(request, kSessionCookieName);
    if (Status ended = services.value()->sessions().Destroy(token); !ended) {
      return ErrorResponse(ended.error());
    }
  }
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  response.SetHeader("Set-Cookie", ExpiredSessionCookie(services.value()->config()));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace rapport
