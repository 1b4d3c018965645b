// sd_notify(3) messages and watchdog pings (systemd_notifier.h).
#include "systemd_notifier.h"

#include "access_log.h"

#include <systemd/sd-daemon.h>

#include <cstdint>

namespace rapport {
namespace {

// Pings come twice per watchdog interval, as sd_watchdog_enabled(3) advises.
constexpr int kPingsPerInterval = 2;

void Notify(const char* state) {
  if (sd_notify(0, state) < 0) WriteServerLog("systemd_notify_failed", state);
}

}  // namespace

SystemdNotifier::SystemdNotifier(std::function<bool()> making_progress)
    : making_progress_(std::move(making_progress)) {}

void SystemdNotifier::Ready() {
  Notify("READY=1");
  uint64_t interval_us = 0;
  if (sd_watchdog_enabled(0, &interval_us) <= 0 || pinger_) return;
  pinger_.emplace(std::chrono::microseconds(interval_us / kPingsPerInterval), [this] {
    if (making_progress_()) {
      Notify("WATCHDOG=1");
    } else {
      WriteServerLog("watchdog", "no progress: ping withheld");
    }
  });
}

void SystemdNotifier::Stopping() {
  pinger_.reset();
  Notify("STOPPING=1");
}

}  // namespace rapport
