// cpprestsdk glue: request conversion, body limits, load shedding, logging.
#include "http_server.h"

#include <cpprest/http_listener.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <thread>

#include "access_log.h"
#include "dispatcher.h"
#include "http_errors.h"
#include "query_string.h"

namespace rapport {
namespace {

namespace http = web::http;
using Clock = std::chrono::steady_clock;

constexpr size_t kMaxRequestIdChars = 64;
constexpr size_t kGeneratedRequestIdBytes = 12;
constexpr auto kDrainPollInterval = std::chrono::milliseconds(10);

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

// Counts a request as in flight for as long as it lives.
class InFlight {
 public:
  explicit InFlight(std::atomic<int>& counter) : counter_(counter) { ++counter_; }
  ~InFlight() { --counter_; }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  std::atomic<int>& counter_;
};

class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(http::http_request request, ServerState& state)
      : request_(std::move(request)),
        state_(state),
        in_flight_(state.metrics().in_flight()),
        unanswered_(std::in_place, state.metrics().unanswered()) {}

  // Answers `response` for `route`, logging and counting it.
  void Reply(const HttpResponse& response, const std::string& route, const std::string& key) {
    // Logged and counted before sending, so both are in place by the time
    // the client has its answer.
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    unanswered_.reset();
    state_.metrics().RecordRequest(route, converted_.method, response.status, seconds);
    WriteAccessLog({converted_.method, route, response.status, seconds * 1000,
                    converted_.request_id, key, converted_.raw_query, converted_.client_address},
                   state_.config().log_queries);
    // Never wait here: the pool thread that would write the answer may be
    // this one. The continuation keeps the exchange (and its in-flight
    // count) alive until the answer is written.
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

  void Run();

 private:
  void Answer(const Error& error, const char* route) {
    HttpResponse response = ErrorResponse(error);
    response.SetHeader("X-Request-Id", converted_.request_id);
    Reply(response, route, "");
  }

  http::http_request request_;
  ServerState& state_;
  InFlight in_flight_;
  std::optional<InFlight> unanswered_;
  const Clock::time_point started_ = Clock::now();
  HttpRequest converted_;
};

void Exchange::Run() {
  auto self = shared_from_this();
  const ServerConfig& config = state_.config();
  if (Status converted = Convert(request_, config, &converted_); !converted) {
    return Answer(converted.error(), "unmatched");
  }
  if (state_.draining()) {
    return Answer(Error{503, "shutting_down", "the server is shutting down", ""}, "unmatched");
  }
  if (state_.metrics().unanswered().load() > config.max_in_flight) {
    return Answer(Overloaded(), "overloaded");
  }
  const auto length = request_.headers().content_length();
  if (length > config.max_body_bytes) {
    HttpResponse response = ErrorResponse(PayloadTooLarge(config.max_body_bytes));
    response.SetHeader("X-Request-Id", converted_.request_id);
    response.SetHeader("Connection", "close");
    return Reply(response, "unmatched", "");
  }
  auto dispatch = [this, self] {
    DispatchOutcome outcome = Dispatch(converted_, state_);
    Reply(outcome.response, outcome.route, outcome.key_name);
  };
  if (length == 0 && !request_.headers().has("Transfer-Encoding")) return dispatch();
  // Read the body without blocking a pool thread (the pool also does the I/O).
  request_.extract_vector().then([this, self, dispatch](pplx::task<std::vector<unsigned char>> t) {
    try {
      const std::vector<unsigned char> body = t.get();
      if (body.size() > state_.config().max_body_bytes) {
        return Answer(PayloadTooLarge(state_.config().max_body_bytes), "unmatched");
      }
      converted_.body.assign(body.begin(), body.end());
    } catch (const std::exception&) {
      return Answer(Error::BadParameter("body", "the request body could not be read"), "unmatched");
    }
    dispatch();
  });
}

}  // namespace

HttpServer::HttpServer(ServerState& state) : state_(state) {}
HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() {
  const ServerConfig& config = state_.config();
  try {
    web::uri_builder address;
    address.set_scheme("http").set_host(config.bind).set_port(config.port);
    listener_ = std::make_unique<http::experimental::listener::http_listener>(address.to_uri());
    auto handle = [this](http::http_request request) {
      auto exchange = std::make_shared<Exchange>(std::move(request), state_);
      exchange->Run();
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
  if (!listener_) return;
  try {
    listener_->close().wait();
  } catch (const std::exception& e) {
    WriteServerLog("listener_close_failed", e.what());
  }
  listener_.reset();
}

}  // namespace rapport
