// SystemdNotifier: rapport-server's side of a Type=notify systemd unit
// (web/deploy/rapport-server.service). It says when the server is ready and
// when it is stopping, and, when the unit sets WatchdogSec, pings systemd's
// watchdog every half interval for as long as the server makes progress, so
// that systemd kills and restarts a server that is alive but hung.
// Outside systemd (no NOTIFY_SOCKET) it does nothing.
//
//   SystemdNotifier notifier([&server] { return server.MakingProgress(); });
//   notifier.Ready();     // after the listener is open
//   ...
//   notifier.Stopping();  // on SIGTERM, before draining
#pragma once

#include <functional>
#include <optional>

#include "periodic_task.h"

namespace rapport {

class SystemdNotifier {
 public:
  // `making_progress` is asked once per ping: false withholds that ping.
  // What it refers to must outlive the notifier.
  explicit SystemdNotifier(std::function<bool()> making_progress);
  SystemdNotifier(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(const SystemdNotifier&) = delete;

  // READY=1; starts the watchdog pings when the unit asks for them.
  void Ready();
  // STOPPING=1; ends the watchdog pings (a draining server stops on its own).
  void Stopping();

 private:
  const std::function<bool()> making_progress_;
  std::optional<PeriodicTask> pinger_;  // while the watchdog is on
};

}  // namespace rapport
