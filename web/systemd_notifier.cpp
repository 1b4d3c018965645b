// sd_notify(3) messages and watchdog pings (systemd_notifier.h).
#include "systemd_notifier.h"

#include <systemd/sd-daemon.h>

#include <cstdint>

#include "access_log.h"

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

SystemdNotifier::~SystemdNotifier() { StopPinging(); }

void SystemdNotifier::Ready() {
  Notify("READY=1");
  uint64_t interval_us = 0;
  if (sd_watchdog_enabled(0, &interval_us) <= 0 || pinger_.joinable()) return;
  const auto interval = std::chrono::microseconds(interval_us / kPingsPerInterval);
  pinger_ = std::thread([this, interval] { PingWhileProgressing(interval); });
}

void SystemdNotifier::Stopping() {
  StopPinging();
  Notify("STOPPING=1");
}

void SystemdNotifier::PingWhileProgressing(std::chrono::microseconds interval) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval, [this] { return stop_; })) {
    lock.unlock();
    if (making_progress_()) {
      Notify("WATCHDOG=1");
    } else {
      WriteServerLog("watchdog", "no progress: ping withheld");
    }
    lock.lock();
  }
}

void SystemdNotifier::StopPinging() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (pinger_.joinable()) pinger_.join();
}

}  // namespace rapport
