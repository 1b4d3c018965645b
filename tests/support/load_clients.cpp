// Load clients for the crash test and the benchmarks (load_clients.h).
#include "load_clients.h"

#include <algorithm>
#include <chrono>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "server_process.h"

namespace rapport::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kPageSize = 100;

rapidjson::Document Parsed(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  if (document.HasParseError()) document.SetObject();
  return document;
}

}  // namespace

Credentials BearerCredentials(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

std::optional<Credentials> LogIn(int port, const std::string& email, const std::string& password,
                                 std::string* error) {
  rapidjson::StringBuffer body;
  rapidjson::Writer<rapidjson::StringBuffer> writer(body);
  writer.StartObject();
  writer.Key("email");
  writer.String(email);
  writer.Key("password");
  writer.String(password);
  writer.EndObject();
  HttpResult answer = Request(port, "POST", "/api/v1/session",
                              {{"Content-Type", "application/json"}}, body.GetString());
  rapidjson::Document session = Parsed(answer.body);
  if (answer.status != 200 || !session.HasMember("csrf_token")) {
    *error = std::to_string(answer.status) + " " + answer.body;
    return std::nullopt;
  }
  const std::string cookie = answer.Header("set-cookie");
  return Credentials{{"Cookie", cookie.substr(0, cookie.find(';'))},
                     {"X-CSRF-Token", session["csrf_token"].GetString()}};
}

int64_t VersionOfEtag(const std::string& etag) {
  const size_t digits = etag.find_first_of("0123456789");
  return digits == std::string::npos ? 0 : std::atoll(etag.c_str() + digits);
}

std::string Renamed(const std::string& json, const std::string& name) {
  rapidjson::Document document = Parsed(json);
  if (document.HasMember("name")) {
    document["name"].SetString(name, document.GetAllocator());
  } else {
    document.AddMember("name", rapidjson::Value(name, document.GetAllocator()),
                       document.GetAllocator());
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  return buffer.GetString();
}

std::vector<std::string> PublishedIds(int port, size_t count) {
  std::vector<std::string> ids;
  for (size_t offset = 0; ids.size() < count; offset += kPageSize) {
    HttpResult page = Request(port, "GET",
                              "/api/v1/search?sort=updated&limit=" + std::to_string(kPageSize) +
                                  "&offset=" + std::to_string(offset));
    rapidjson::Document results = Parsed(page.body);
    if (page.status != 200 || !results.HasMember("results") || results["results"].Empty()) break;
    for (const auto& result : results["results"].GetArray()) {
      if (ids.size() < count) ids.push_back(result["id"].GetString());
    }
  }
  return ids;
}

ProfileEditor::ProfileEditor(int port, Credentials credentials)
    : port_(port), credentials_(std::move(credentials)) {}

std::optional<AcknowledgedEdit> ProfileEditor::Rename(const std::string& id,
                                                      const std::string& name, int* status) {
  Current& current = current_[id];
  if (current.json.empty()) {
    HttpResult read = Request(port_, "GET", "/api/v1/editor/therapists/" + id, credentials_);
    *status = read.status;
    if (read.status != 200) return std::nullopt;
    current = {read.body, read.Header("etag")};
  }
  Credentials headers = credentials_;
  headers["Content-Type"] = "application/json";
  headers["If-Match"] = current.etag;
  HttpResult put =
      Request(port_, "PUT", "/api/v1/therapists/" + id, headers, Renamed(current.json, name));
  *status = put.status;
  if (put.status != 200) {
    current = {};  // read it again next time
    return std::nullopt;
  }
  current = {put.body, put.Header("etag")};
  return AcknowledgedEdit{id, VersionOfEtag(current.etag), name};
}

BackgroundRenamer::BackgroundRenamer(int port, const std::string& token,
                                     std::vector<std::string> ids, int writers) {
  for (int w = 0; w < writers; ++w) {
    threads_.emplace_back([this, port, token, ids, w] {
      ProfileEditor editor(port, BearerCredentials(token));
      for (long n = 0; !stop_; ++n) {
        const std::string name = "Edited Rw" + std::to_string(w) + "e" + std::to_string(n);
        int status = 0;
        auto edit = editor.Rename(ids[static_cast<size_t>(n) % ids.size()], name, &status);
        if (!edit) continue;
        std::lock_guard<std::mutex> lock(mutex_);
        acknowledged_.push_back(std::move(*edit));
      }
    });
  }
}

BackgroundRenamer::~BackgroundRenamer() { Stop(); }

std::vector<AcknowledgedEdit> BackgroundRenamer::AcknowledgedSoFar() {
  std::lock_guard<std::mutex> lock(mutex_);
  return acknowledged_;
}

void BackgroundRenamer::Stop() {
  stop_ = true;
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

SearchLoad::SearchLoad(int port, int threads, std::vector<std::string> targets)
    : targets_(std::move(targets)) {
  for (int t = 0; t < threads; ++t) {
    threads_.emplace_back([this, port, t] {
      for (size_t n = static_cast<size_t>(t); !stop_; ++n) {
        const auto start = Clock::now();
        HttpResult answer = Request(port, "GET", targets_[n % targets_.size()]);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        std::lock_guard<std::mutex> lock(mutex_);
        ++report_.statuses[answer.status];
        if (answer.status == 200) report_.latencies_ms.push_back(ms);
      }
    });
  }
}

SearchLoad::~SearchLoad() { Stop(); }

SearchLoad::Report SearchLoad::Stop() {
  stop_ = true;
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  return report_;
}

const std::vector<std::string>& SearchMix() {
  static const std::vector<std::string> kTargets = {
      "/api/v1/search?q=anxiety&facets=modality,specialty",
      "/api/v1/search?state=CA&virtual=true&facets=insurance",
      "/api/v1/search?q=trauma+emdr&accepting=true",
      "/api/v1/search?modality=cbt&specialty=depression&facets=population,language",
      "/api/v1/search?q=couples&sort=fee"};
  return kTargets;
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

}  // namespace rapport::testing
