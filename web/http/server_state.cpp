// Lazily opened search service and key store shared by all workers.
#include "server_state.h"

#include <chrono>
#include <filesystem>

#include <xapian.h>

#include "index_layout.h"

namespace rapport {

ServerState::ServerState(ServerConfig config, const std::vector<Route>& routes,
                         CrisisTerms crisis_terms)
    : config_(std::move(config)),
      routes_(routes),
      crisis_terms_(std::move(crisis_terms)),
      rate_limiter_(config_.rate_limiter_max_clients),
      replica_status_(std::chrono::seconds(config_.max_replica_lag_s)) {}

std::string ServerState::IndexStubPath() const {
  return config_.replica ? data_dir().IndexPath() + "/XAPIANDB" : data_dir().IndexPath();
}

bool ServerState::AwaitingFirstCopy() const {
  if (!config_.replica) return false;
  {
    std::lock_guard<std::mutex> lock(search_mutex_);
    if (search_) return false;
  }
  std::error_code ignored;
  if (!std::filesystem::exists(IndexStubPath(), ignored)) return true;
  try {
    const Xapian::Database db(IndexStubPath());
    return db.get_doccount() == 0 &&
           db.get_metadata(std::string(layout::kMetaLayoutVersion)).empty();
  } catch (const Xapian::Error&) {
    return false;  // a damaged copy is reported as such
  }
}

ReplicaLag ServerState::ReplicaLagNow() {
  auto service = Search();
  IndexStats own;
  if (service) own = service.value()->Stats();
  return replica_status_.Lag(service ? &own : nullptr, ReplicaStatus::Clock::now());
}

Result<std::shared_ptr<SearchService>> ServerState::Search() const {
  std::lock_guard<std::mutex> lock(search_mutex_);
  if (search_) return search_;
  return Error::IndexUnavailable(search_error_ ? search_error_->message
                                               : "the index is not open yet");
}

Status ServerState::RefreshSearch() {
  std::shared_ptr<SearchService> service;
  {
    std::lock_guard<std::mutex> lock(search_mutex_);
    service = search_;
  }
  Status refreshed;
  if (service) {
    refreshed = service->Refresh();
  } else {
    SearchOptions options;
    options.time_limit = std::chrono::milliseconds(config_.search_time_limit_ms);
    options.suggester_refresh = std::chrono::milliseconds(config_.suggester_refresh_ms);
    options.english_words_path = config_.english_words;
    options.correct_below = config_.correct_below;
    options.drop_words_below = config_.drop_words_below;
    options.gazetteer_path = DefaultDataFilesDir() + "/cities.json";
    auto opened = SearchService::Open(IndexStubPath(), options);
    if (opened) service = std::move(opened.value());
    refreshed = opened ? Status::Ok() : Status(opened.error());
  }
  std::lock_guard<std::mutex> lock(search_mutex_);
  if (service) search_ = service;
  search_error_.reset();
  if (!refreshed) search_error_ = refreshed.error();
  return refreshed;
}

Status ServerState::IndexHealth() const {
  std::shared_ptr<SearchService> service;
  {
    std::lock_guard<std::mutex> lock(search_mutex_);
    if (search_error_) return *search_error_;
    if (!search_) return Error::IndexUnavailable("the index is not open yet");
    service = search_;
  }
  return service->Probe();
}

Result<KeyStore*> ServerState::Keys() {
  if (config_.replica) return ReadOnlyReplica("requests that need the store", config_.primary_url);
  std::lock_guard<std::mutex> lock(keys_mutex_);
  if (!keys_) {
    auto opened = KeyStore::Open(data_dir().StorePath());
    if (!opened) return Error::StoreUnavailable("the store cannot be opened");
    keys_ = std::move(opened.value());
  }
  return keys_.get();
}

Result<KeyIdentity> ServerState::AuthenticateKey(std::string_view key_text) {
  if (!config_.replica) {
    auto keys = Keys();
    if (!keys) return keys.error();
    return keys.value()->Authenticate(key_text);
  }
  auto service = Search();
  if (!service) return service.error();
  const IndexStats serving = service.value()->Stats();
  std::shared_ptr<const IndexKeys> keys;
  {
    std::lock_guard<std::mutex> lock(keys_mutex_);
    if (!index_keys_ || index_keys_uuid_ != serving.uuid ||
        index_keys_revision_ != serving.revision) {
      try {
        // The stub names the newest copy: its revision is at least the one served.
        const Xapian::Database db(IndexStubPath());
        index_keys_ = std::make_shared<const IndexKeys>(db);
      } catch (const Xapian::Error& e) {
        return Error::IndexUnavailable("cannot read the partner keys from the index: " +
                                       e.get_description());
      }
      index_keys_uuid_ = serving.uuid;
      index_keys_revision_ = serving.revision;
    }
    keys = index_keys_;
  }
  return keys->Authenticate(key_text);
}

Status ServerState::FlushKeyUsage() {
  std::lock_guard<std::mutex> lock(keys_mutex_);
  return keys_ ? keys_->FlushUsage() : Status::Ok();
}

}  // namespace rapport
