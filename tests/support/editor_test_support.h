// Helpers for the editor API tests: a private data folder (a few sample
// profiles imported and indexed, an admin and an editor account), logging in
// over HTTP, sending editor requests with the session cookie and CSRF token,
// and reading JSON answers.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "load_clients.h"
#include "server_process.h"
#include "test_support.h"

namespace rapport::testing {

inline constexpr const char* kAdminEmail = "admin@example.org";
inline constexpr const char* kEditorEmail = "editor@example.org";
inline constexpr const char* kEditorPassword = "a long editor password";

// A data folder of its own (tests change it): the first `profiles` sample
// profiles imported and indexed, plus the two accounts above (same password).
struct EditorDataDir {
  explicit EditorDataDir(int profiles = 20);
  TempDir temp;
  std::string path;
  std::vector<std::string> ids;  // the imported profile ids, in file order
};

// Sets environment variables for servers started while it lives.
class ScopedEnv {
 public:
  explicit ScopedEnv(std::map<std::string, std::string> values);
  ~ScopedEnv();

 private:
  std::map<std::string, std::string> values_;
};

struct Session {
  std::string cookie;  // "rapport_session=…"
  std::string csrf;
  std::string login_body;
};

// POST /api/v1/session; CHECKs a 200 and returns the cookie and CSRF token.
Session Login(int port, const std::string& email, const std::string& password = kEditorPassword);

// An editor request with the session's cookie and X-CSRF-Token (unless empty).
HttpResult EditorRequest(int port, const Session& session, const std::string& method,
                         const std::string& target, const std::string& body = "",
                         std::map<std::string, std::string> headers = {});

// The body parsed as JSON (an empty object if it is not JSON).
rapidjson::Document Json(const std::string& body);

// Searches q= until the result set holds `id` (or stops holding it when
// `present` is false) or `limit` passes. Returns how long it took; `limit`
// or more means it never happened.
std::chrono::milliseconds WaitSearchable(
    int port, const std::string& q, const std::string& id, bool present = true,
    std::chrono::milliseconds limit = std::chrono::seconds(10));

}  // namespace rapport::testing
