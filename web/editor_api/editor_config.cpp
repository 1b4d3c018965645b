// Editor API limits from the environment (editor_config.h).
#include "editor_config.h"

#include <cstdlib>
#include <functional>
#include <vector>

namespace rapport {
namespace {

struct Variable {
  const char* name;
  const char* meaning;
  std::function<long long(const EditorConfig&)> get;
  std::function<void(EditorConfig&, long long)> set;
};

const std::vector<Variable>& Variables() {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  static const std::vector<Variable> kVariables = {
      {"RAPPORT_SESSION_IDLE_TIMEOUT_S", "editor session ends after this much inactivity",
       [](const EditorConfig& c) { return c.sessions.idle_timeout.count(); },
       [](EditorConfig& c, long long v) { c.sessions.idle_timeout = seconds(v); }},
      {"RAPPORT_SESSION_ABSOLUTE_TIMEOUT_S", "editor session ends this long after login",
       [](const EditorConfig& c) { return c.sessions.absolute_timeout.count(); },
       [](EditorConfig& c, long long v) { c.sessions.absolute_timeout = seconds(v); }},
      {"RAPPORT_LOGIN_FREE_FAILURES_PER_ACCOUNT",
       "failed logins per account before each next attempt is delayed",
       [](const EditorConfig& c) { return c.login_throttle.free_failures_per_account; },
       [](EditorConfig& c, long long v) {
         c.login_throttle.free_failures_per_account = static_cast<int>(v);
       }},
      {"RAPPORT_LOGIN_FREE_FAILURES_PER_ADDRESS",
       "failed logins per client address before each next attempt is delayed",
       [](const EditorConfig& c) { return c.login_throttle.free_failures_per_address; },
       [](EditorConfig& c, long long v) {
         c.login_throttle.free_failures_per_address = static_cast<int>(v);
       }},
      {"RAPPORT_LOGIN_FIRST_DELAY_MS", "first delay after the free failures (then doubling)",
       [](const EditorConfig& c) { return c.login_throttle.first_delay.count(); },
       [](EditorConfig& c, long long v) { c.login_throttle.first_delay = milliseconds(v); }},
      {"RAPPORT_LOGIN_MAX_DELAY_MS", "longest delay between two checked logins",
       [](const EditorConfig& c) { return c.login_throttle.max_delay.count(); },
       [](EditorConfig& c, long long v) { c.login_throttle.max_delay = milliseconds(v); }},
      {"RAPPORT_LOGIN_FORGET_AFTER_S", "failed logins are forgotten after this quiet time",
       [](const EditorConfig& c) { return c.login_throttle.forget_after.count(); },
       [](EditorConfig& c, long long v) { c.login_throttle.forget_after = seconds(v); }},
      {"RAPPORT_LOGIN_TRUST_ADDRESS_S",
       "after a login, failures from other addresses do not delay that address",
       [](const EditorConfig& c) { return c.login_throttle.trust_address_for.count(); },
       [](EditorConfig& c, long long v) { c.login_throttle.trust_address_for = seconds(v); }},
      {"RAPPORT_LOGIN_MAX_CONCURRENT_CHECKS", "password checks (64 MiB each) running at once",
       [](const EditorConfig& c) { return c.password_checks.max_concurrent; },
       [](EditorConfig& c, long long v) {
         c.password_checks.max_concurrent = static_cast<int>(v);
       }},
      {"RAPPORT_LOGIN_MAX_WAITING_CHECKS", "logins waiting for a check before 503",
       [](const EditorConfig& c) { return c.password_checks.max_waiting; },
       [](EditorConfig& c, long long v) { c.password_checks.max_waiting = static_cast<int>(v); }},
      {"RAPPORT_LOGIN_MAX_WAIT_MS", "longest wait for a password check before 503",
       [](const EditorConfig& c) { return c.password_checks.max_wait.count(); },
       [](EditorConfig& c, long long v) { c.password_checks.max_wait = milliseconds(v); }},
      {"RAPPORT_BATCH_MAX_LINES", "profiles per POST /api/v1/therapists:batch",
       [](const EditorConfig& c) { return static_cast<long long>(c.batch_max_lines); },
       [](EditorConfig& c, long long v) { c.batch_max_lines = static_cast<size_t>(v); }},
      {"RAPPORT_STALE_MAX_LIMIT", "profiles per page of GET /api/v1/editor/stale (?limit=)",
       [](const EditorConfig& c) { return c.stale_max_limit; },
       [](EditorConfig& c, long long v) { c.stale_max_limit = static_cast<int>(v); }},
      {"RAPPORT_STALE_MAX_OFFSET", "largest ?offset= of GET /api/v1/editor/stale",
       [](const EditorConfig& c) { return c.stale_max_offset; },
       [](EditorConfig& c, long long v) { c.stale_max_offset = static_cast<int>(v); }},
      {"RAPPORT_INDEX_POLL_MS", "index updater: outbox poll interval",
       [](const EditorConfig& c) { return c.index_updater.poll_interval.count(); },
       [](EditorConfig& c, long long v) { c.index_updater.poll_interval = milliseconds(v); }},
      {"RAPPORT_INDEX_COMMIT_LOCK_WAIT_MS",
       "index updater: longest wait of a commit for a replication conversation (then it commits)",
       [](const EditorConfig& c) { return c.index_updater.commit_lock_wait.count(); },
       [](EditorConfig& c, long long v) { c.index_updater.commit_lock_wait = milliseconds(v); }},
  };
  return kVariables;
}

}  // namespace

Result<EditorConfig> EditorConfigFromEnvironment() {
  EditorConfig config;
  for (const Variable& variable : Variables()) {
    const char* text = std::getenv(variable.name);
    if (text == nullptr || *text == '\0') continue;
    char* end = nullptr;
    const long long value = std::strtoll(text, &end, 10);
    if (*end != '\0' || value <= 0 || value > 1000000000LL) {
      return Error::BadParameter(variable.name,
                                 std::string(variable.name) + " must be a positive whole number");
    }
    variable.set(config, value);
  }
  return config;
}

std::string EditorConfigHelp() {
  const EditorConfig defaults;
  std::string help = "editor API (environment variables):\n";
  for (const Variable& variable : Variables()) {
    help += "  " + std::string(variable.name) + "  " + variable.meaning + " (default " +
            std::to_string(variable.get(defaults)) + ")\n";
  }
  return help;
}

}  // namespace rapport
