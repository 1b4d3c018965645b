// HttpServer: cpprestsdk's http_listener in front of the dispatcher. It
// converts requests (percent-decoding, UTF-8 checks, request id, client
// address), refuses oversized bodies from Content-Length before reading them,
// sheds load past max_in_flight with 503, logs one line per request and
// records metrics.
//
// Call crossplat::threadpool::initialize_with_threads() before Start(): the
// listener's I/O and the handlers run on that pool.
#pragma once

#include <chrono>
#include <memory>

#include "error.h"
#include "server_state.h"

namespace web::http::experimental::listener {
class http_listener;
}

namespace rapport {

class HttpServer {
 public:
  explicit HttpServer(ServerState& state);
  ~HttpServer();

  // Starts listening on config bind:port. 500 Error if the port cannot be opened.
  Status Start();
  // Waits until no request is in flight or `grace` has passed; new requests
  // meanwhile get 503. Returns true when everything in flight finished.
  bool Drain(std::chrono::milliseconds grace);
  // Stops listening and closes connections.
  void Stop();

 private:
  ServerState& state_;
  std::unique_ptr<web::http::experimental::listener::http_listener> listener_;
};

}  // namespace rapport
