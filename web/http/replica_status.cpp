// ReplicaStatus and the poll of the primary's /readyz (see replica_status.h).
#include "replica_status.h"

#include <cpprest/http_client.h>

#include "bounded_json.h"

namespace rapport {
namespace {

constexpr int kHttpOk = 200;
constexpr int kBadGateway = 502;
constexpr int kServiceUnavailable = 503;
// A /readyz answer is one small flat object.
constexpr size_t kReadyzMaxBytes = 64 * 1024;
constexpr int kReadyzMaxDepth = 4;

JsonLimits ReadyzLimits() {
  JsonLimits limits;
  limits.max_bytes = kReadyzMaxBytes;
  limits.max_depth = kReadyzMaxDepth;
  return limits;
}

Error BadPrimaryAnswer(const std::string& why) {
  return Error{kBadGateway, "bad_primary_answer", "the primary's /readyz " + why, ""};
}

}  // namespace

void ReplicaStatus::RecordPoll(const std::optional<PrimaryIndex>& primary, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  primary_up_ = primary.has_value();
  if (!primary) return;
  const bool other_index = primary_ && primary_->uuid != primary->uuid;
  const bool went_back = !ahead_.empty() && ahead_.back().revision > primary->revision;
  if (other_index || went_back) ahead_.clear();
  if ((ahead_.empty() || ahead_.back().revision < primary->revision) &&
      ahead_.size() < kMaxSightings) {
    ahead_.push_back({primary->revision, now});
  }
  primary_ = primary;
}

ReplicaLag ReplicaStatus::Lag(const IndexStats* own, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReplicaLag lag;
  lag.primary_up = primary_up_;
  lag.revision = own ? own->revision : 0;
  if (!primary_) return lag;  // never read: nothing to be behind
  lag.primary_revision = primary_->revision;
  lag.same_index = own && own->uuid == primary_->uuid;
  if (lag.same_index) {
    while (!ahead_.empty() && ahead_.front().revision <= own->revision) ahead_.pop_front();
    lag.lag_revisions = primary_->revision > own->revision ? primary_->revision - own->revision : 0;
  } else {
    lag.lag_revisions = primary_->revision;  // the whole index is still to come
  }
  if (!ahead_.empty()) {
    lag.lag_seconds = std::chrono::duration<double>(now - ahead_.front().first_seen).count();
  }
  lag.lagging = lag.primary_up && lag.lag_seconds > static_cast<double>(max_lag_.count());
  return lag;
}

namespace {

// A Xapian database UUID as the primary writes it: hex digits and dashes.
bool IsUuidText(std::string_view text) {
  constexpr size_t kMaxUuidChars = 64;
  return !text.empty() && text.size() <= kMaxUuidChars &&
         text.find_first_not_of("0123456789abcdefABCDEF-") == std::string_view::npos;
}

}  // namespace

Result<PrimaryIndex> ParsePrimaryReadyz(const std::string& body) {
  rapidjson::Document document;
  if (Status parsed = ParseJsonBounded(body, ReadyzLimits(), document); !parsed) {
    return BadPrimaryAnswer("is not JSON: " + parsed.error().message);
  }
  if (!document.IsObject()) return BadPrimaryAnswer("is not a JSON object");
  const auto uuid = document.FindMember("index_uuid");
  const auto revision = document.FindMember("index_revision");
  if (uuid == document.MemberEnd() || !uuid->value.IsString() ||
      !IsUuidText(std::string_view(uuid->value.GetString(), uuid->value.GetStringLength()))) {
    return BadPrimaryAnswer("has no index_uuid (hex digits and dashes)");
  }
  if (revision == document.MemberEnd() || !revision->value.IsUint64()) {
    return BadPrimaryAnswer("has no index_revision");
  }
  PrimaryIndex primary;
  primary.uuid.assign(uuid->value.GetString(), uuid->value.GetStringLength());
  primary.revision = revision->value.GetUint64();
  return primary;
}

std::optional<PrimaryIndex> FetchPrimaryIndex(const std::string& primary_url,
                                              std::chrono::milliseconds timeout, std::string* why) {
  try {
    web::http::client::http_client_config config;
    config.set_timeout(timeout);
    web::http::client::http_client client(primary_url, config);
    web::http::http_response answer = client.request(web::http::methods::GET, "/readyz").get();
    if (answer.status_code() != kHttpOk) {
      *why = "the primary's /readyz answered " + std::to_string(answer.status_code());
      return std::nullopt;
    }
    Result<PrimaryIndex> primary = ParsePrimaryReadyz(answer.extract_utf8string(true).get());
    if (!primary) {
      *why = primary.error().message;
      return std::nullopt;
    }
    return primary.value();
  } catch (const std::exception& e) {
    *why = std::string("cannot reach the primary: ") + e.what();
  }
  return std::nullopt;
}

Error ReadOnlyReplica(const std::string& what, const std::string& primary_url) {
  return Error{
      kServiceUnavailable, "read_only_replica",
      "this server is a read-only replica; send " + what + " to the primary at " + primary_url, ""};
}

}  // namespace rapport
