// WorkerPool: a fixed set of threads that run jobs first come, first served.
// rapport-server runs every handler here, off cpprestsdk's I/O threads: a
// request whose body has arrived joins the back of one queue, so with many
// connections each waits its turn (about queue length ÷ throughput) instead
// of some being served again and again while others starve, and the I/O
// threads stay free to read, answer health checks and write answers.
//
//   WorkerPoolOptions options;
//   options.threads = 8;
//   WorkerPool pool(options);
//   if (!pool.TryPost([request] { Serve(request); })) RefuseOverloaded(request);
//   ...
//   pool.Stop();  // runs what is queued, then joins the threads
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace rapport {

struct WorkerPoolOptions {
  int threads = 1;   // workers started at construction (at least 1)
  int capacity = 1;  // most jobs queued or running at once (at least 1)
};

class WorkerPool {
 public:
  using Job = std::function<void()>;

  explicit WorkerPool(WorkerPoolOptions options);
  // Stops the pool (see Stop).
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job` behind every job posted before it; a job must not throw.
  // Returns false, and drops `job`, when `capacity` jobs are already queued or running, or after
  // Stop.
  [[nodiscard]] bool TryPost(Job job);

  // Jobs queued or running now.
  [[nodiscard]] int load() const;
  // Jobs that have finished since the pool started; with load() > 0 and no
  // change over a while, the workers are stuck (the systemd watchdog asks).
  [[nodiscard]] uint64_t finished() const { return finished_.load(); }

  // Refuses new jobs, lets the workers run every job already queued, and
  // joins them. Idempotent.
  void Stop();

 private:
  void Work();

  const int capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> queue_;  // guarded by mutex_
  int running_ = 0;        // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::atomic<uint64_t> finished_{0};
  std::vector<std::thread> threads_;  // joined by Stop
};

}  // namespace rapport
