// Prometheus text exposition of the server's counters and histograms.
#include "metrics.h"

#include <sstream>

namespace rapport {
namespace {

// Label values are route patterns and method names, but escape anyway so the
// exposition stays parseable whatever a route is called.
std::string EscapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::RecordRequest(const std::string& route, const std::string& method, int status,
                            double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, method, status}];
  Histogram& histogram = latency_[route];
  ++histogram.count;
  histogram.sum += seconds;
  for (size_t i = 0; i < kBucketBounds.size(); ++i) {
    if (seconds <= kBucketBounds[i]) {
      ++histogram.buckets[i];
      break;
    }
  }
}

void Metrics::RecordRateLimited(bool keyed) {
  ++(keyed ? rate_limited_keyed_ : rate_limited_anonymous_);
}

void Metrics::RecordKeyRequest(const std::string& partner) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++key_requests_[partner];
}

void Metrics::RecordCost(bool keyed, int units) {
  (keyed ? cost_units_keyed_ : cost_units_anonymous_) += static_cast<uint64_t>(units);
}

void Metrics::SetCommitLockCounts(const CommitLockCounts& counts) {
  std::lock_guard<std::mutex> lock(mutex_);
  commit_lock_ = counts;
}

std::string Metrics::Render(const IndexStats* stats, const ReplicaLag* replica) const {
  std::ostringstream out;
  out.precision(9);
  out << "# HELP rapport_http_requests_total HTTP requests answered, by route pattern.\n"
         "# TYPE rapport_http_requests_total counter\n";
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [labels, count] : requests_) {
    const auto& [route, method, status] = labels;
    out << "rapport_http_requests_total{route=\"" << EscapeLabel(route) << "\",method=\""
        << EscapeLabel(method) << "\",status=\"" << status << "\"} " << count << "\n";
  }
  out << "# HELP rapport_http_request_duration_seconds Time to answer, by route pattern.\n"
         "# TYPE rapport_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_) {
    const std::string label = "route=\"" + EscapeLabel(route) + "\"";
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBucketBounds.size(); ++i) {
      cumulative += histogram.buckets[i];
      out << "rapport_http_request_duration_seconds_bucket{" << label << ",le=\""
          << kBucketBounds[i] << "\"} " << cumulative << "\n";
    }
    out << "rapport_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} "
        << histogram.count << "\n";
    out << "rapport_http_request_duration_seconds_sum{" << label << "} " << histogram.sum << "\n";
    out << "rapport_http_request_duration_seconds_count{" << label << "} " << histogram.count
        << "\n";
  }
  out << "# HELP rapport_requests_total Requests made with a partner key, by partner.\n"
         "# TYPE rapport_requests_total counter\n";
  for (const auto& [partner, count] : key_requests_) {
    out << "rapport_requests_total{key=\"" << EscapeLabel(partner) << "\"} " << count << "\n";
  }
  out << "# HELP rapport_rate_limited_total Requests refused with 429.\n"
         "# TYPE rapport_rate_limited_total counter\n"
      << "rapport_rate_limited_total{client=\"key\"} " << rate_limited_keyed_.load() << "\n"
      << "rapport_rate_limited_total{client=\"anonymous\"} " << rate_limited_anonymous_.load()
      << "\n";
  out << "# HELP rapport_request_cost_units_total Rate-limit tokens charged by cost.\n"
         "# TYPE rapport_request_cost_units_total counter\n"
      << "rapport_request_cost_units_total{client=\"key\"} " << cost_units_keyed_.load() << "\n"
      << "rapport_request_cost_units_total{client=\"anonymous\"} " << cost_units_anonymous_.load()
      << "\n";
  out << "# HELP rapport_in_flight_requests Requests being answered now.\n"
         "# TYPE rapport_in_flight_requests gauge\n"
      << "rapport_in_flight_requests " << in_flight_.load() << "\n";
  out << "# HELP rapport_queued_requests Requests received in full, waiting for a worker.\n"
         "# TYPE rapport_queued_requests gauge\n"
      << "rapport_queued_requests " << queued_.load() << "\n";
  out << "# HELP rapport_index_up 1 when an index is open.\n"
         "# TYPE rapport_index_up gauge\n"
      << "rapport_index_up " << (stats ? 1 : 0) << "\n";
  if (stats) {
    out << "# HELP rapport_index_revision Revision of the index being searched.\n"
           "# TYPE rapport_index_revision gauge\n"
        << "rapport_index_revision " << stats->revision << "\n"
        << "# HELP rapport_index_documents Published profiles in the index.\n"
           "# TYPE rapport_index_documents gauge\n"
        << "rapport_index_documents " << stats->documents << "\n";
  }
  if (replica) {
    out << "# HELP rapport_replica_primary_up 1 when the last poll read the primary's index.\n"
           "# TYPE rapport_replica_primary_up gauge\n"
        << "rapport_replica_primary_up " << (replica->primary_up ? 1 : 0) << "\n"
        << "# HELP rapport_replica_same_index 0 while a full copy from the primary is pending.\n"
           "# TYPE rapport_replica_same_index gauge\n"
        << "rapport_replica_same_index " << (replica->same_index ? 1 : 0) << "\n"
        << "# HELP rapport_index_full_copies_total Full copies from the primary switched in "
           "since the index was opened.\n"
           "# TYPE rapport_index_full_copies_total counter\n"
        << "rapport_index_full_copies_total " << (stats ? stats->database_switches : 0) << "\n"
        << "# HELP rapport_replica_primary_revision The primary's index revision, last polled.\n"
           "# TYPE rapport_replica_primary_revision gauge\n"
        << "rapport_replica_primary_revision " << replica->primary_revision << "\n"
        << "# HELP rapport_replica_lag_revisions Revisions the primary has and this replica not.\n"
           "# TYPE rapport_replica_lag_revisions gauge\n"
        << "rapport_replica_lag_revisions " << replica->lag_revisions << "\n"
        << "# HELP rapport_replica_lag_seconds Since this replica first saw what it still lacks.\n"
           "# TYPE rapport_replica_lag_seconds gauge\n"
        << "rapport_replica_lag_seconds " << replica->lag_seconds << "\n";
  }
  if (!replica) {
    constexpr double kMicrosecondsPerSecond = 1e6;
    out << "# HELP rapport_index_commit_lock_waits_total Index commits that found the commit "
           "lock held by a replication conversation and waited.\n"
           "# TYPE rapport_index_commit_lock_waits_total counter\n"
        << "rapport_index_commit_lock_waits_total " << commit_lock_.waited << "\n"
        << "# HELP rapport_index_commit_lock_timeouts_total Index commits that went ahead "
           "without the commit lock after the bound (a replica may take a full copy).\n"
           "# TYPE rapport_index_commit_lock_timeouts_total counter\n"
        << "rapport_index_commit_lock_timeouts_total " << commit_lock_.without_lock << "\n"
        << "# HELP rapport_index_commit_lock_wait_seconds_total Time index commits waited for "
           "the commit lock.\n"
           "# TYPE rapport_index_commit_lock_wait_seconds_total counter\n"
        << "rapport_index_commit_lock_wait_seconds_total "
        << static_cast<double>(commit_lock_.wait_time.count()) / kMicrosecondsPerSecond << "\n";
  }
  return out.str();
}

}  // namespace rapport
