// The public endpoints (see handlers_public.h).
#include "handlers_public.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sodium.h>

#include <optional>

#include "data_dir.h"
#include "http_errors.h"
#include "openapi.h"
#include "search_answer.h"
#include "search_params.h"
#include "search_result_json.h"
#include "static_files.h"
#include "vocab_answer.h"

namespace rapport {
namespace {

constexpr size_t kContentHashBytes = 16;  // ETag of generated documents
constexpr int kServiceUnavailable = 503;

std::string ContentTag(const std::string& content) {
  unsigned char hash[kContentHashBytes];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(content.data()),
                     content.size(), nullptr, 0);
  char hex[kContentHashBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return "\"" + std::string(hex) + "\"";
}

// The ETag of a public profile: its store version, quoted.
std::string ProfileTag(const std::string& profile_json) {
  rapidjson::Document doc;
  if (!doc.Parse(profile_json.c_str()).HasParseError() && doc.IsObject() &&
      doc.HasMember("version") && doc["version"].IsInt64()) {
    return "\"" + std::to_string(doc["version"].GetInt64()) + "\"";
  }
  return ContentTag(profile_json);
}

// True when the client asks for a page rather than JSON (a browser
// navigating to /api/v1/therapists/{id}).
bool PrefersHtml(const std::string& accept) {
  const size_t html = accept.find("text/html");
  if (html == std::string::npos) return false;
  const size_t json = accept.find("application/json");
  return json == std::string::npos || html < json;
}

// 503 "not_ready" with a `reason` safe to show; `detail` goes to the log.
HttpResponse NotReady(const std::string& reason, const std::string& detail) {
  HttpResponse response = ErrorResponse(Error::NotReady(reason));
  if (detail != reason) response.log_detail = detail;
  return response;
}

// 503 replica_lagging: the replica is further behind a reachable primary than
// --max-replica-lag-s (docs/scaling.md, "Lag the replica can see").
Error ReplicaLagging(const ReplicaLag& lag, const ServerConfig& config) {
  return Error{kServiceUnavailable, "replica_lagging",
               "this replica is " + std::to_string(static_cast<long>(lag.lag_seconds)) + " s and " +
                   std::to_string(lag.lag_revisions) + " revisions behind the primary (bound " +
                   std::to_string(config.max_replica_lag_s) + " s)",
               ""};
}

// The ready answer: the index (its UUID, so replicas can compare), and on a
// replica where it stands against its primary.
std::string ReadyJson(const IndexStats& stats, bool spelling, const std::optional<ReplicaLag>& lag,
                      const ServerConfig& config) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("status");
  writer.String("ready");
  writer.Key("index_revision");
  writer.Uint64(stats.revision);
  writer.Key("index_uuid");
  writer.String(stats.uuid.c_str(), static_cast<rapidjson::SizeType>(stats.uuid.size()));
  writer.Key("documents");
  writer.Uint64(stats.documents);
  writer.Key("spelling_correction");
  writer.Bool(spelling);
  if (lag) {
    writer.Key("replica");
    writer.StartObject();
    writer.Key("primary_url");
    writer.String(config.primary_url.c_str(),
                  static_cast<rapidjson::SizeType>(config.primary_url.size()));
    writer.Key("primary_up");
    writer.Bool(lag->primary_up);
    writer.Key("same_index");
    writer.Bool(lag->same_index);
    writer.Key("primary_revision");
    writer.Uint64(lag->primary_revision);
    writer.Key("lag_revisions");
    writer.Uint64(lag->lag_revisions);
    writer.Key("lag_seconds");
    writer.Double(lag->lag_seconds);
    writer.EndObject();
  }
  writer.EndObject();
  return buffer.GetString();
}

// {"contact":{"email":…,"website":…}}: how to reach the directory itself.
std::string DirectoryJson(const ServerConfig& config) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("contact");
  writer.StartObject();
  writer.Key("email");
  writer.String(config.directory_contact_email);
  if (!config.directory_contact_url.empty()) {
    writer.Key("website");
    writer.String(config.directory_contact_url);
  }
  writer.EndObject();
  writer.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

// Where the static folder's files are served, and the widget's folder in it.
constexpr std::string_view kStaticPrefix = "/static/";
constexpr std::string_view kEmbedScriptsFolder = "embed/v1/";
constexpr std::string_view kScriptType = "text/javascript";

HttpResponse Page(const ServerState& state, std::string_view file) {
  return ServeStaticFile(state.config().static_dir, file);
}

}  // namespace

HttpResponse HandleSearch(const HttpRequest& request, ServerState& state) {
  auto service = state.Search();
  if (!service) return ErrorResponse(service.error());
  auto pairs = SearchPairs(request, state.config());
  if (!pairs) return ErrorResponse(pairs.error());
  auto result = AnswerSearch(pairs.value(), request, *service.value(), state);
  if (!result) return ErrorResponse(result.error());
  return HttpResponse::Json(SearchResultToJson(result.value()));
}

HttpResponse HandleProfile(const HttpRequest& request, ServerState& state) {
  if (PrefersHtml(request.Header("accept"))) return Page(state, "profile.html");
  auto service = state.Search();
  if (!service) return ErrorResponse(service.error());
  if (!request.query.empty()) {
    return ErrorResponse(
        Error::BadParameter(request.query.front().first, "this endpoint takes no parameters"));
  }
  const std::string id = request.PathParam("id");
  auto profile = service.value()->Profile(id);
  if (!profile) return ErrorResponse(profile.error());
  // A restricted partner must not learn of profiles outside its filter.
  if (request.key && !ProfileVisibleToKey(profile.value(), *request.key)) {
    return ErrorResponse(Error::NotFound("no published therapist with id " + id));
  }
  HttpResponse response = HttpResponse::Json(std::move(profile.value()));
  response.SetHeader("ETag", ProfileTag(response.body));
  return response;
}

HttpResponse HandleSuggest(const HttpRequest& request, ServerState& state) {
  auto service = state.Search();
  if (!service) return ErrorResponse(service.error());
  auto suggest = ParseSuggestParams(request.query);
  if (!suggest) return ErrorResponse(suggest.error());
  std::vector<Suggestion> suggestions =
      service.value()->Suggest(suggest.value().q, suggest.value().limit);
  if (request.key) {
    // Names of therapists outside a partner's filter are not its to see.
    std::vector<Suggestion> visible;
    for (auto& suggestion : suggestions) {
      if (suggestion.kind == "name") {
        auto profile = service.value()->Profile(suggestion.value);
        if (!profile || !ProfileVisibleToKey(profile.value(), *request.key)) continue;
      }
      visible.push_back(std::move(suggestion));
    }
    suggestions = std::move(visible);
  }
  return HttpResponse::Json(SuggestionsToJson(suggestions));
}

HttpResponse HandleVocab(const HttpRequest& request, ServerState& state) {
  auto service = state.Search();
  if (!service) return ErrorResponse(service.error());
  if (!request.query.empty()) {
    return ErrorResponse(
        Error::BadParameter(request.query.front().first, "this endpoint takes no parameters"));
  }
  HttpResponse response = HttpResponse::Json(VocabAnswerJson(service.value()->vocabulary()));
  response.SetHeader("ETag", ContentTag(response.body));
  return response;
}

HttpResponse HandleDirectory(const HttpRequest& request, ServerState& state) {
  if (!request.query.empty()) {
    return ErrorResponse(
        Error::BadParameter(request.query.front().first, "this endpoint takes no parameters"));
  }
  HttpResponse response = HttpResponse::Json(DirectoryJson(state.config()));
  response.SetHeader("ETag", ContentTag(response.body));
  return response;
}

HttpResponse HandleOpenApi(const HttpRequest&, ServerState& state) {
  static const std::string document = BuildOpenApiDocument(state.routes(), state.config());
  HttpResponse response = HttpResponse::Json(document);
  response.SetHeader("ETag", ContentTag(document));
  return response;
}

HttpResponse HandleHealthz(const HttpRequest&, ServerState&) {
  return HttpResponse::Json(R"({"status":"ok"})");
}

HttpResponse HandleReadyz(const HttpRequest&, ServerState& state) {
  if (state.draining()) {
    return ErrorResponse(Error::NotReady("the server is shutting down"));
  }
  const ServerConfig& config = state.config();
  if (state.AwaitingFirstCopy()) {
    return NotReady("index: waiting for the first copy from the primary " + config.primary_url, "");
  }
  if (Status index = state.IndexHealth(); !index) {
    // An outdated layout's message names the fix and nothing internal; other
    // failures carry paths and Xapian's text, which go to the log only.
    const bool outdated = index.error().code == "index_outdated";
    return NotReady(
        outdated ? "index: " + index.error().message : "index: missing, unreadable or damaged",
        index.error().message);
  }
  auto service = state.Search();
  if (!service) return ErrorResponse(service.error());
  std::optional<ReplicaLag> lag;
  if (config.replica) {
    lag = state.ReplicaLagNow();
    if (lag->lagging) return ErrorResponse(ReplicaLagging(*lag, config));
  } else {
    auto keys = state.Keys();
    if (!keys) return NotReady("store: cannot be opened", keys.error().message);
    if (Status ping = keys.value()->Ping(); !ping) {
      return NotReady("store: unreachable", ping.error().message);
    }
  }
  // Without the English word list the server stays ready but offers no
  // spelling corrections (docs/search-api.md, "Did you mean").
  return HttpResponse::Json(
      ReadyJson(service.value()->Stats(), service.value()->spelling_available(), lag, config));
}

HttpResponse HandleMetrics(const HttpRequest&, ServerState& state) {
  auto service = state.Search();
  IndexStats stats;
  if (service) stats = service.value()->Stats();
  std::optional<ReplicaLag> lag;
  if (state.config().replica) lag = state.ReplicaLagNow();
  HttpResponse response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = state.metrics().Render(service ? &stats : nullptr, lag ? &*lag : nullptr);
  return response;
}

HttpResponse HandleIndexPage(const HttpRequest&, ServerState& state) {
  return Page(state, "index.html");
}

HttpResponse HandleProfilePage(const HttpRequest&, ServerState& state) {
  return Page(state, "profile.html");
}

HttpResponse HandleEditorPage(const HttpRequest&, ServerState& state) {
  return Page(state, "editor.html");
}

HttpResponse HandleDocsPage(const HttpRequest&, ServerState& state) {
  return Page(state, "docs.html");
}

HttpResponse HandleStaticFile(const HttpRequest& request, ServerState& state) {
  // Whichever /static/... route matched, the file is the path below /static/.
  return Page(state, std::string_view(request.path).substr(kStaticPrefix.size()));
}

HttpResponse HandleEmbedScript(const HttpRequest& request, ServerState& state) {
  const std::string name = request.PathParam("*");
  if (ContentTypeFor(name).rfind(kScriptType, 0) != 0) {
    return ErrorResponse(Error::NotFound("no such widget script"));
  }
  return Page(state, std::string(kEmbedScriptsFolder) + name);
}

HttpResponse HandleGazetteer(const HttpRequest&, ServerState&) {
  return ServeStaticFile(DefaultDataFilesDir(), "cities.json");
}

}  // namespace rapport
