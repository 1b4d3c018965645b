// PeriodicTask: calls a function on a thread of its own, once per interval,
// until the PeriodicTask is destroyed. rapport-server uses it to pick up new
// index revisions and to ping systemd's watchdog.
//
//   PeriodicTask refresh(std::chrono::milliseconds(100), [&] { Refresh(); });
//   ...  // destroying it waits for a call in progress, then stops the thread
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace rapport {

class PeriodicTask {
 public:
  // Starts the thread; the first call comes one `interval` from now.
  PeriodicTask(std::chrono::microseconds interval, std::function<void()> task);
  // Stops the thread, after the call in progress if there is one.
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void Run(std::chrono::microseconds interval);

  const std::function<void()> task_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace rapport
