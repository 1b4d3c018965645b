// A function called once per interval on its own thread (periodic_task.h).
#include "periodic_task.h"

namespace rapport {

PeriodicTask::PeriodicTask(std::chrono::microseconds interval, std::function<void()> task)
    : task_(std::move(task)), thread_([this, interval] { Run(interval); }) {}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicTask::Run(std::chrono::microseconds interval) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval, [this] { return stop_; })) {
    lock.unlock();
    task_();
    lock.lock();
  }
}

}  // namespace rapport
