// Lazily opened search service and key store shared by all workers.
#include "server_state.h"

#include <chrono>

namespace rapport {

ServerState::ServerState(ServerConfig config)
    : config_(std::move(config)), rate_limiter_(config_.rate_limiter_max_clients) {}

Result<std::shared_ptr<SearchService>> ServerState::Search() const {
  std::lock_guard<std::mutex> lock(search_mutex_);
  if (search_) return search_;
  return Error{503, "index_unavailable",
               search_error_.empty() ? "the index is not open yet" : search_error_, ""};
}

Status ServerState::RefreshSearch() {
  std::shared_ptr<SearchService> service;
  {
    std::lock_guard<std::mutex> lock(search_mutex_);
    service = search_;
  }
  if (service) return service->Refresh();
  SearchOptions options;
  options.time_limit = std::chrono::milliseconds(config_.search_time_limit_ms);
  options.suggester_refresh = std::chrono::milliseconds(config_.suggester_refresh_ms);
  auto opened = SearchService::Open(data_dir().IndexPath(), options);
  std::lock_guard<std::mutex> lock(search_mutex_);
  if (!opened) {
    search_error_ = opened.error().message;
    return opened.error();
  }
  search_ = std::shared_ptr<SearchService>(std::move(opened.value()));
  return Status::Ok();
}

Result<KeyStore*> ServerState::Keys() {
  std::lock_guard<std::mutex> lock(keys_mutex_);
  if (!keys_) {
    auto opened = KeyStore::Open(data_dir().StorePath());
    if (!opened) return Error{503, "store_unavailable", "the store cannot be opened", ""};
    keys_ = std::move(opened.value());
  }
  return keys_.get();
}

}  // namespace rapport
