// HttpServer: cpprestsdk's http_listener in front of the dispatcher.
//
// cpprestsdk's I/O threads (--io-threads) read each request head, convert it
// (percent-decoding, UTF-8 checks, request id, client address), hold it to
// the per-address cap (--max-requests-per-client, 429) and the body limit
// (413 from Content-Length, before reading), and read the body. A complete
// request then joins one first-come-first-served queue served by a fixed
// set of worker threads (--threads) that run the dispatcher; past
// --max-in-flight queued or running requests it gets 503 at once. Health,
// readiness and metrics skip the queue and every limit: the I/O thread
// answers them. Each request is logged and counted.
//
// Call crossplat::threadpool::initialize_with_threads(io_threads) before
// Start(): the listener's I/O runs on that pool.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>

#include "error.h"
#include "server_state.h"

namespace web::http::experimental::listener {
class http_listener;
}

namespace rapport {

struct RequestPipeline;

class HttpServer {
 public:
  explicit HttpServer(ServerState& state);
  ~HttpServer();

  // Starts listening on config bind:port. 500 Error if the port cannot be opened.
  Status Start();
  // Waits until no request is in flight or `grace` has passed; new requests
  // meanwhile get 503. Returns true when everything in flight finished.
  bool Drain(std::chrono::milliseconds grace);
  // Stops listening, closes connections and joins the workers once they
  // have run what was queued.
  void Stop();

  // True when, since the last call, the public workers finished a request
  // or had none to run, and the I/O threads ran the probe the last call
  // posted to them (the first call only posts one). Editor requests are left
  // out: unlike searches, nothing bounds how long one may take. Asked by the
  // systemd watchdog (SystemdNotifier), from one thread only.
  [[nodiscard]] bool MakingProgress();

 private:
  ServerState& state_;
  std::shared_ptr<RequestPipeline> pipeline_;    // shared with requests still pending
  uint64_t finished_at_last_check_ = 0;          // MakingProgress
  std::shared_ptr<std::atomic<bool>> io_probe_;  // MakingProgress: set once the probe ran
  std::unique_ptr<web::http::experimental::listener::http_listener> listener_;
};

}  // namespace rapport
