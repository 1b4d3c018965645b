// EditorConfig: the limits of the editor API (sessions, login throttling and
// concurrent password checks, bulk edits, the stale list, the index updater) with their defaults,
// overridable by RAPPORT_* environment variables (EditorConfigHelp lists
// them). Kept beside ServerConfig, which supplies `insecure_cookies`.
#pragma once

#include <cstddef>
#include <string>

#include "error.h"
#include "index_updater.h"
#include "login_throttle.h"
#include "password_check_gate.h"
#include "session_store.h"

namespace rapport {

struct EditorConfig {
  SessionLimits sessions;
  LoginThrottleLimits login_throttle;
  PasswordCheckLimits password_checks;
  IndexUpdaterOptions index_updater;
  bool secure_cookies = true;     // `Secure` on the session cookie (off: --insecure-cookies)
  size_t batch_max_lines = 5000;  // more profiles in one :batch body → 413
  int stale_default_days = 90;    // GET /api/v1/editor/stale without ?days=
  int stale_max_days = 3650;
  int stale_default_limit = 100;
  int stale_max_limit = 1000;
  int stale_max_offset = 1000000;  // ?offset= past it → 400 (bounds the rows SQLite skips)
};

// The defaults with the RAPPORT_* variables applied. 400 Error naming the
// variable on a value that is not a positive whole number.
[[nodiscard]] Result<EditorConfig> EditorConfigFromEnvironment();

// One line per variable, with its default, for `rapport-server --help`.
[[nodiscard]] std::string EditorConfigHelp();

}  // namespace rapport
