// cpprestsdk glue: request conversion, per-client caps, body limits, the
// first-come-first-served worker queue, load shedding, logging.
#include "http_server.h"

#include <cpprest/http_listener.h>
#include <pplx/threadpool.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <optional>
#include <thread>

#include "access_log.h"
#include "client_key.h"
#include "client_slots.h"
#include "dispatcher.h"
#include "http_errors.h"
#include "operation_outcome.h"
#include "query_string.h"
#include "routes.h"
#include "worker_pool.h"

namespace rapport {
namespace {

namespace http = web::http;
using Clock = std::chrono::steady_clock;

constexpr size_t kMaxRequestIdChars = 64;
constexpr size_t kGeneratedRequestIdBytes = 12;
constexpr auto kDrainPollInterval = std::chrono::milliseconds(10);
constexpr int kRetryAfterSeconds = 1;
// Route labels (logs, metrics) of requests refused before dispatch.
constexpr std::string_view kUnmatchedRoute = "unmatched";
constexpr std::string_view kOverloadedRoute = "overloaded";
constexpr std::string_view kPerClientLimitRoute = "per_client_limit";

bool SaneRequestId(const std::string& id) {
  return !id.empty() && id.size() <= kMaxRequestIdChars &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '-' || c == '_' || c == '.';
         });
}

std::string NewRequestId() {
  unsigned char bytes[kGeneratedRequestIdBytes];
  randombytes_buf(bytes, sizeof bytes);
  char hex[kGeneratedRequestIdBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

std::string ClientAddress(const http::http_request& request, const HttpRequest& converted,
                          const ServerConfig& config) {
  if (config.trust_forwarded_for) {
    // nginx (web/deploy/nginx.conf) sets X-Real-IP to the connecting address.
    const std::string real_ip = converted.Header("x-real-ip");
    if (!real_ip.empty()) return real_ip;
  }
  return request.remote_address();
}

// Converts everything but the body. An Error for a target that cannot be decoded.
Status Convert(const http::http_request& request, const ServerConfig& config,
               HttpRequest* converted) {
  converted->method = request.method();
  for (const auto& [name, value] : request.headers()) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    converted->headers[lower] = value;
  }
  const std::string incoming_id = converted->Header("x-request-id");
  converted->request_id = SaneRequestId(incoming_id) ? incoming_id : NewRequestId();
  converted->client_address = ClientAddress(request, *converted, config);
  const web::uri& uri = request.request_uri();
  converted->raw_query = uri.query();
  auto path = DecodeComponent(uri.path(), false, "path");
  if (!path) return Error::NotFound("no such endpoint");
  converted->path = std::move(path.value());
  if (converted->raw_query.size() > config.max_query_string_bytes) {
    return UriTooLong(config.max_query_string_bytes);
  }
  auto query = ParseQueryString(converted->raw_query);
  if (!query) return query.error();
  converted->query = std::move(query.value());
  return Status::Ok();
}

http::http_response ToCpprest(const HttpResponse& response) {
  http::http_response out(static_cast<http::status_code>(response.status));
  for (const auto& [name, value] : response.headers) out.headers().add(name, value);
  if (!response.body.empty()) {
    out.set_body(std::vector<unsigned char>(response.body.begin(), response.body.end()));
  }
  if (!response.content_type.empty() && response.status != 204 && response.status != 304) {
    out.headers().set_content_type(response.content_type);
  }
  return out;
}

// Counts a request in `counter` for as long as it lives.
class Counted {
 public:
  explicit Counted(std::atomic<int>& counter) : counter_(counter) { ++counter_; }
  ~Counted() { --counter_; }
  Counted(const Counted&) = delete;
  Counted& operator=(const Counted&) = delete;

 private:
  std::atomic<int>& counter_;
};

// Bytes of request bodies held by requests that have arrived in full and are
// not answered yet, against a cap: a full queue of large bodies would
// otherwise hold max_in_flight × max_body_bytes (1 GiB per lane by default).
class BodyBudget {
 public:
  explicit BodyBudget(size_t cap) : cap_(cap) {}

  // Takes `bytes` from the budget; false (and nothing taken) when they do not fit.
  bool TryTake(size_t bytes) {
    size_t held = held_.load();
    do {
      if (bytes > cap_ - std::min(held, cap_)) return false;
    } while (!held_.compare_exchange_weak(held, held + bytes));
    return true;
  }
  void Give(size_t bytes) { held_ -= bytes; }

 private:
  const size_t cap_;
  std::atomic<size_t> held_{0};
};

// Who answers a request once it has arrived in full.
enum class Lane {
  kImmediate,  // health, readiness, metrics: cheap, and needed most when the
               // server is busy, so the I/O thread answers them, past every limit
  kPublic,     // the public API and pages: the workers, in arrival order
  kEditor,     // the editor API: workers of its own, so that writes waiting on
               // the store's fsync and password hashing never hold up searches
};

Lane LaneOf(const HttpRequest& request, const std::vector<Route>& routes) {
  const Route* any_method = MatchRoute(routes, "GET", request.path).route;
  if (any_method && any_method->access == Access::kOperations) return Lane::kImmediate;
  const Route* route = MatchRoute(routes, request.method, request.path).route;
  return route && route->access == Access::kEditor ? Lane::kEditor : Lane::kPublic;
}

}  // namespace

// What the exchanges share with the server. Exchanges keep it alive, so a
// body that completes while the server is being stopped still finds it.
struct RequestPipeline {
  explicit RequestPipeline(const ServerConfig& config)
      : workers(Workers(config.threads, config)),
        editor_workers(Workers(config.editor_threads, config)),
        client_slots(config.max_requests_per_client),
        bodies(config.max_queued_body_bytes) {}

  static WorkerPoolOptions Workers(int threads, const ServerConfig& config) {
    WorkerPoolOptions options;
    options.threads = threads;
    options.capacity = config.max_in_flight;
    return options;
  }

  WorkerPool workers;         // Lane::kPublic
  WorkerPool editor_workers;  // Lane::kEditor
  ClientSlots client_slots;
  BodyBudget bodies;
};

namespace {

// One request from the arrival of its head to its answer: on an I/O thread
// it is converted, held to the per-client cap and the body limit, and its
// body read; then it joins the worker queue, and a worker dispatches it.
class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(http::http_request request, ServerState& state,
           std::shared_ptr<RequestPipeline> pipeline)
      : request_(std::move(request)),
        state_(state),
        pipeline_(std::move(pipeline)),
        in_flight_(state.metrics().in_flight()) {}

  ~Exchange();
  Exchange(const Exchange&) = delete;
  Exchange& operator=(const Exchange&) = delete;

  // Runs on the I/O thread that read the request head.
  void Run();

 private:
  void TakeBody(pplx::task<std::vector<unsigned char>> read);
  void Queue();
  void Serve();
  void Reply(const HttpResponse& response, std::string_view route, const std::string& key);
  void Answer(const Error& error, std::string_view route);
  // 503 overloaded with Retry-After: the queue or the body budget is full.
  void Overload();
  // Frees the body and gives its bytes back to the budget (once).
  void GiveBackBody();
  void Refuse(HttpResponse response, std::string_view route);

  http::http_request request_;
  ServerState& state_;
  const std::shared_ptr<RequestPipeline> pipeline_;
  Counted in_flight_;
  std::optional<ClientSlots::Slot> client_slot_;
  std::optional<Counted> queued_;
  size_t body_bytes_taken_ = 0;  // from pipeline_->bodies, given back once answered
  Lane lane_ = Lane::kPublic;
  const Clock::time_point started_ = Clock::now();
  HttpRequest converted_;
};

void Exchange::Run() {
  const ServerConfig& config = state_.config();
  if (Status converted = Convert(request_, config, &converted_); !converted) {
    return Answer(converted.error(), kUnmatchedRoute);
  }
  lane_ = LaneOf(converted_, state_.routes());
  if (lane_ == Lane::kImmediate) return Serve();
  if (state_.draining()) {
    return Answer(Error{503, "shutting_down", "the server is shutting down", ""}, kUnmatchedRoute);
  }
  client_slot_ = pipeline_->client_slots.TryAcquire(ClientKey(converted_.client_address));
  if (!client_slot_) {
    return Refuse(RateLimitedResponse(kRetryAfterSeconds), kPerClientLimitRoute);
  }
  const auto length = request_.headers().content_length();
  if (length > config.max_body_bytes) {
    HttpResponse response = ErrorResponse(PayloadTooLarge(config.max_body_bytes));
    response.SetHeader("Connection", "close");
    return Refuse(std::move(response), kUnmatchedRoute);
  }
  if (length == 0 && !request_.headers().has("Transfer-Encoding")) return Queue();
  // The body arrives on the I/O threads; only a complete request takes a
  // place in the queue, so slow uploads hold no worker and no queue place.
  request_.extract_vector().then(
      [self = shared_from_this()](pplx::task<std::vector<unsigned char>> read) {
        self->TakeBody(std::move(read));
      });
}

void Exchange::TakeBody(pplx::task<std::vector<unsigned char>> read) {
  try {
    const std::vector<unsigned char> body = read.get();
    if (body.size() > state_.config().max_body_bytes) {
      return Answer(PayloadTooLarge(state_.config().max_body_bytes), kUnmatchedRoute);
    }
    if (!pipeline_->bodies.TryTake(body.size())) return Overload();
    body_bytes_taken_ = body.size();
    converted_.body.assign(body.begin(), body.end());
  } catch (const std::exception&) {
    return Answer(Error::BadParameter("body", "the request body could not be read"),
                  kUnmatchedRoute);
  }
  Queue();
}

void Exchange::Queue() {
  queued_.emplace(state_.metrics().queued());
  WorkerPool& workers = lane_ == Lane::kEditor ? pipeline_->editor_workers : pipeline_->workers;
  const bool accepted = workers.TryPost([self = shared_from_this()] {
    self->queued_.reset();
    self->Serve();
  });
  if (accepted) return;
  queued_.reset();
  Overload();
}

void Exchange::Overload() {
  HttpResponse response = ErrorResponse(Overloaded());
  response.SetHeader("Retry-After", std::to_string(kRetryAfterSeconds));
  Refuse(std::move(response), kOverloadedRoute);
}

void Exchange::Serve() {
  DispatchOutcome outcome = Dispatch(converted_, state_);
  // The body is done with: its bytes go back before the answer is sent, so a
  // client that has its answer finds them free.
  GiveBackBody();
  Reply(outcome.response, outcome.route, outcome.key_name);
}

void Exchange::GiveBackBody() {
  std::string().swap(converted_.body);
  pipeline_->bodies.Give(body_bytes_taken_);
  body_bytes_taken_ = 0;
}

Exchange::~Exchange() { GiveBackBody(); }

void Exchange::Reply(const HttpResponse& response, std::string_view route, const std::string& key) {
  // Logged and counted before sending, so both are in place by the time
  // the client has its answer.
  const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
  const std::string route_name(route);
  state_.metrics().RecordRequest(route_name, converted_.method, response.status, seconds);
  WriteAccessLog({converted_.method, route_name, response.status, seconds * 1000,
                  converted_.request_id, key, converted_.raw_query, converted_.client_address},
                 state_.config().log_queries);
  // The request is answered: its client may send the next one (a client
  // with N keep-alive connections never has more than N open), even before
  // the answer has been written.
  client_slot_.reset();
  // Never wait here: the I/O threads write the answer. The continuation
  // keeps the exchange (and its in-flight count) alive until the answer is
  // written.
  try {
    request_.reply(ToCpprest(response)).then([self = shared_from_this()](pplx::task<void> sent) {
      try {
        sent.get();
      } catch (const std::exception&) {
        // The client went away; nothing left to answer.
      }
    });
  } catch (const std::exception&) {
    // The connection is already gone.
  }
}

void Exchange::Answer(const Error& error, std::string_view route) {
  Refuse(ErrorResponse(error), route);
}

void Exchange::Refuse(HttpResponse response, std::string_view route) {
  if (ErrorFormOf(state_.routes(), converted_.path) == ErrorForm::kOperationOutcome) {
    RewriteAsOperationOutcome(response);
  }
  response.SetHeader("X-Request-Id", converted_.request_id);
  Reply(response, route, "");
}

}  // namespace

HttpServer::HttpServer(ServerState& state)
    : state_(state), pipeline_(std::make_shared<RequestPipeline>(state.config())) {}
HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() {
  const ServerConfig& config = state_.config();
  try {
    web::uri_builder address;
    address.set_scheme("http").set_host(config.bind).set_port(config.port);
    listener_ = std::make_unique<http::experimental::listener::http_listener>(address.to_uri());
    auto handle = [this](http::http_request request) {
      std::make_shared<Exchange>(std::move(request), state_, pipeline_)->Run();
    };
    listener_->support(handle);
    // The listener answers OPTIONS and TRACE itself unless told otherwise:
    // route them through the dispatcher too (CORS preflight, 405).
    listener_->support(http::methods::OPTIONS, handle);
    listener_->support(http::methods::TRCE, handle);
    listener_->open().wait();
  } catch (const std::exception& e) {
    listener_.reset();
    return Error::Internal("cannot listen on " + config.bind + ":" + std::to_string(config.port) +
                           ": " + e.what());
  }
  return Status::Ok();
}

bool HttpServer::Drain(std::chrono::milliseconds grace) {
  const auto deadline = Clock::now() + grace;
  while (state_.metrics().in_flight().load() > 0) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kDrainPollInterval);
  }
  return true;
}

void HttpServer::Stop() {
  if (listener_) {
    try {
      listener_->close().wait();
    } catch (const std::exception& e) {
      WriteServerLog("listener_close_failed", e.what());
    }
    listener_.reset();
  }
  pipeline_->workers.Stop();
  pipeline_->editor_workers.Stop();
}

bool HttpServer::MakingProgress() {
  const uint64_t finished = pipeline_->workers.finished();
  const bool workers_moved = finished != finished_at_last_check_ || pipeline_->workers.load() == 0;
  finished_at_last_check_ = finished;
  const bool io_ran = !io_probe_ || io_probe_->load();
  io_probe_ = std::make_shared<std::atomic<bool>>(false);
  crossplat::threadpool::shared_instance().service().post([probe = io_probe_] { *probe = true; });
  return workers_moved && io_ran;
}

}  // namespace rapport
