// rapport-server: serves the public JSON API and the web pages.
//
// SIGTERM or SIGINT: stop taking new work, let in-flight requests finish
// (up to --shutdown-grace-ms), close the listener and exit 0. A background
// thread keeps the search service on the newest index revision.
#include <pplx/threadpool.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "access_log.h"
#include "data_dir.h"
#include "editor_config.h"
#include "editor_services.h"
#include "http_server.h"
#include "server_config.h"
#include "server_state.h"

namespace {

// Re-checks the index every interval until told to stop.
class RefreshLoop {
 public:
  RefreshLoop(rapport::ServerState& state, std::chrono::milliseconds interval)
      : thread_([this, &state, interval] { Run(state, interval); }) {}
  ~RefreshLoop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void Run(rapport::ServerState& state, std::chrono::milliseconds interval) {
    std::string last_error;
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, interval, [this] { return stop_; })) {
      lock.unlock();
      rapport::Status refreshed = state.RefreshSearch();
      // Log a failure once, not every interval.
      const std::string error = refreshed ? "" : refreshed.error().message;
      if (error != last_error && !error.empty()) rapport::WriteServerLog("index_refresh", error);
      last_error = error;
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;  // guarded by mutex_
  std::thread thread_;
};

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
  // Block the shutdown signals in every thread; main waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  // Before any other cpprestsdk use: its default pool has 40 threads.
  crossplat::threadpool::initialize_with_threads(config.value().threads);

  rapport::ServerState state(config.value());
  // The editor API and the index updater: pending outbox rows are applied
  // before the server takes requests (catch-up after a crash).
  editor_config.value().secure_cookies = !state.config().insecure_cookies;
  // Logins waiting for a password check hold worker threads: leave at least
  // half of the threads to everything else.
  rapport::PasswordCheckLimits& checks = editor_config.value().password_checks;
  const int login_threads = std::max(1, state.config().threads / 2);
  checks.max_concurrent = std::min(checks.max_concurrent, login_threads);
  checks.max_waiting = std::min(checks.max_waiting, login_threads - checks.max_concurrent);
  editor_config.value().index_updater.after_commit = [&state] {
    static_cast<void>(state.RefreshSearch());  // failures are logged by the refresh loop
  };
  auto editors = rapport::EditorServices::Open(state.data_dir(), rapport::DefaultDataFilesDir(),
                                               editor_config.value());
  if (!editors) {
    rapport::WriteServerLog("editor_api_unavailable", editors.error().message);
  } else {
    if (rapport::Status caught_up = editors.value()->StartIndexUpdater(); !caught_up) {
      rapport::WriteServerLog("index_catch_up_failed", caught_up.error().message);
    }
    rapport::InstallEditorServices(state, editors.value().get());
  }
  if (rapport::Status opened = state.RefreshSearch(); !opened) {
    rapport::WriteServerLog("index_unavailable", opened.error().message);
  }
  rapport::HttpServer server(state);
  if (rapport::Status started = server.Start(); !started) {
    rapport::WriteServerLog("start_failed", started.error().message);
    return 1;
  }
  rapport::WriteServerLog("listening", state.config().bind + ":" +
                                           std::to_string(state.config().port) +
                                           " threads=" + std::to_string(state.config().threads));
  {
    RefreshLoop refresh(state, std::chrono::milliseconds(state.config().refresh_interval_ms));
    int received = 0;
    sigwait(&signals, &received);
    rapport::WriteServerLog("shutdown", std::string("signal ") + strsignal(received));
    state.BeginDrain();
    if (!server.Drain(std::chrono::milliseconds(state.config().shutdown_grace_ms))) {
      rapport::WriteServerLog("shutdown", "grace period over with requests still in flight");
    }
    server.Stop();
  }
  rapport::WriteServerLog("stopped", "bye");
  return 0;
}
