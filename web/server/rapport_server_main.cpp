// rapport-server: serves the public JSON API and the web pages.
//
// SIGTERM or SIGINT: stop taking new work, let in-flight requests finish
// (up to --shutdown-grace-ms), close the listener and exit 0. A background
// thread keeps the search service on the newest index revision. Under
// systemd (web/deploy/rapport-server.service) it reports readiness and
// stopping, and pings the watchdog while requests make progress.
#include <pplx/threadpool.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access_log.h"
#include "data_dir.h"
#include "editor_config.h"
#include "editor_services.h"
#include "http_server.h"
#include "index_writer.h"
#include "periodic_task.h"
#include "route_table.h"
#include "server_config.h"
#include "server_state.h"
#include "systemd_notifier.h"
#include "vocab_answer.h"

namespace {

// Builds the vocab answer of the open index now, so that no request pays for
// it in time and rate-limit cost.
void WarmVocabAnswer(const rapport::ServerState& state) {
  if (auto search = state.Search()) {
    static_cast<void>(rapport::VocabAnswerJson(search.value()->vocabulary()));
  }
}

// Opens the index or picks up its new revision; logs a failure once, not
// at every call.
std::function<void()> IndexRefresher(rapport::ServerState& state) {
  return [&state, last_error = std::string()]() mutable {
    rapport::Status refreshed = state.RefreshSearch();
    WarmVocabAnswer(state);
    const std::string error = refreshed ? "" : refreshed.error().message;
    if (error != last_error && !error.empty()) rapport::WriteServerLog("index_refresh", error);
    last_error = error;
  };
}

// Asks the primary's /readyz for its index and records it (replica mode);
// logs when the primary becomes unreachable or reachable again, not at every
// poll. A primary that cannot answer within one poll interval counts as down.
std::function<void()> PrimaryPoller(rapport::ServerState& state) {
  return [&state, last_error = std::string()]() mutable {
    const auto interval = std::chrono::milliseconds(state.config().primary_poll_ms);
    std::string why;
    const auto primary = rapport::FetchPrimaryIndex(state.config().primary_url, interval, &why);
    state.replica_status().RecordPoll(primary, rapport::ReplicaStatus::Clock::now());
    static_cast<void>(state.ReplicaLagNow());  // forgets what the replica has caught up on
    if (why != last_error) {
      rapport::WriteServerLog(why.empty() ? "primary_reachable" : "primary_unreachable",
                              why.empty() ? state.config().primary_url : why);
    }
    last_error = why;
  };
}

// The editor API and the index updater: pending outbox rows are applied
// before the server takes requests (catch-up after a crash). Null when the
// store cannot be opened (logged).
std::unique_ptr<rapport::EditorServices> StartEditorServices(rapport::ServerState& state,
                                                             rapport::EditorConfig config) {
  config.secure_cookies = !state.config().insecure_cookies;
  // Logins run on the editor lane, and one waiting for a password check holds
  // an editor worker: leave at least half of them to edits.
  rapport::PasswordCheckLimits& checks = config.password_checks;
  const int login_threads = std::max(1, state.config().editor_threads / 2);
  checks.max_concurrent = std::min(checks.max_concurrent, login_threads);
  checks.max_waiting = std::min(checks.max_waiting, login_threads - checks.max_concurrent);
  config.index_updater.after_commit = [&state] {
    static_cast<void>(state.RefreshSearch());  // failures are logged by the refresh loop
  };
  config.index_updater.commit_lock_counted = [&state](const rapport::CommitLockCounts& counts) {
    state.metrics().SetCommitLockCounts(counts);
  };
  auto editors =
      rapport::EditorServices::Open(state.data_dir(), rapport::DefaultDataFilesDir(), config);
  if (!editors) {
    rapport::WriteServerLog("editor_api_unavailable", editors.error().message);
    return nullptr;
  }
  if (rapport::Status caught_up = editors.value()->StartIndexUpdater(); !caught_up) {
    rapport::WriteServerLog("index_catch_up_failed", caught_up.error().message);
  }
  rapport::InstallEditorServices(state, editors.value().get());
  return std::move(editors.value());
}

// Writes the partner keys' usage to the store (keys list shows it); a
// failure is logged and the counts wait for the next call.
void FlushKeyUsage(rapport::ServerState& state) {
  if (rapport::Status flushed = state.FlushKeyUsage(); !flushed) {
    rapport::WriteServerLog("key_usage", flushed.error().message);
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool show_help = false;
  auto config =
      rapport::ParseServerConfig(std::vector<std::string>(argv + 1, argv + argc), &show_help);
  if (!config) {
    std::cerr << "rapport-server: " << config.error().message << "\n\n"
              << rapport::ServerConfigHelp();
    return 2;
  }
  if (show_help) {
    std::cout << rapport::ServerConfigHelp() << rapport::EditorConfigHelp();
    return 0;
  }
  auto editor_config = rapport::EditorConfigFromEnvironment();
  if (!editor_config) {
    std::cerr << "rapport-server: " << editor_config.error().message << "\n";
    return 2;
  }
  // Glass reads XAPIAN_MAX_CHANGESETS at each commit of the index updater;
  // set here, before any thread starts (setenv is not thread-safe).
  if (config.value().index_changesets > 0) {
    setenv(rapport::kMaxChangesetsVariable, std::to_string(config.value().index_changesets).c_str(),
           1);
  }
  // Block the shutdown signals in every thread; main waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  // Before any other cpprestsdk use: its default pool has 40 threads. The
  // handlers run on the server's own workers (--threads), not on this pool.
  crossplat::threadpool::initialize_with_threads(config.value().io_threads);

  auto crisis_terms =
      rapport::CrisisTerms::Load(rapport::DefaultDataFilesDir() + "/crisis_terms.json");
  if (!crisis_terms) {
    std::cerr << "rapport-server: " << crisis_terms.error().message << "\n";
    return 1;
  }
  rapport::ServerState state(config.value(), rapport::RouteTable(),
                             std::move(crisis_terms.value()));
  // A read replica has no store: no editor API, no updater, no keys.
  std::unique_ptr<rapport::EditorServices> editors;
  if (!state.config().replica) editors = StartEditorServices(state, editor_config.value());
  const rapport::Status opened = state.RefreshSearch();
  WarmVocabAnswer(state);
  if (!opened) {
    rapport::WriteServerLog("index_unavailable", opened.error().message);
  } else if (auto search = state.Search(); search && !search.value()->spelling_available()) {
    rapport::WriteServerLog("spelling_unavailable", "cannot read the English word list " +
                                                        state.config().english_words +
                                                        ": no spelling corrections");
  }
  rapport::HttpServer server(state);
  if (rapport::Status started = server.Start(); !started) {
    rapport::WriteServerLog("start_failed", started.error().message);
    return 1;
  }
  rapport::WriteServerLog("listening",
                          state.config().bind + ":" + std::to_string(state.config().port) +
                              " threads=" + std::to_string(state.config().threads) +
                              " editor_threads=" + std::to_string(state.config().editor_threads) +
                              " io_threads=" + std::to_string(state.config().io_threads));
  rapport::SystemdNotifier systemd([&server] { return server.MakingProgress(); });
  systemd.Ready();
  if (!rapport::IsLoopbackAddress(state.config().bind)) {
    rapport::WriteServerLog(
        "direct_exposure",
        "listening on a non-loopback address (--allow-direct-exposure) without nginx in front: "
        "no read timeouts, whole headers and bodies buffered in memory, no TLS; see docs/http.md");
  }
  if (state.config().replica) {
    rapport::WriteServerLog("replica", "read-only replica of " + state.config().primary_url +
                                           ", index " + state.IndexStubPath());
  }
  {
    rapport::PeriodicTask refresh(std::chrono::milliseconds(state.config().refresh_interval_ms),
                                  IndexRefresher(state));
    std::optional<rapport::PeriodicTask> primary_poll;
    if (state.config().replica) {
      primary_poll.emplace(std::chrono::milliseconds(state.config().primary_poll_ms),
                           PrimaryPoller(state));
    }
    rapport::PeriodicTask key_usage(std::chrono::milliseconds(state.config().key_usage_flush_ms),
                                    [&state] { FlushKeyUsage(state); });
    int received = 0;
    sigwait(&signals, &received);
    rapport::WriteServerLog("shutdown", std::string("signal ") + strsignal(received));
    systemd.Stopping();
    state.BeginDrain();
    if (!server.Drain(std::chrono::milliseconds(state.config().shutdown_grace_ms))) {
      rapport::WriteServerLog("shutdown", "grace period over with requests still in flight");
    }
    server.Stop();
  }
  FlushKeyUsage(state);
  rapport::WriteServerLog("stopped", "bye");
  return 0;
}
