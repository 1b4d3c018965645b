// Freshness actions of the editor API: confirm a therapist's availability,
// record a license check, and list profiles due for re-verification.
#include <chrono>
#include <functional>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "editor_auth.h"
#include "editor_responses.h"
#include "handlers_editor.h"
#include "http_errors.h"
#include "profile_json.h"
#include "utc_time.h"

namespace rapport {
namespace {

// A change of one stored profile made on the server (not by sending the
// document): read, change, write expecting that version. Another editor's
// write in between only means reading again; give up after a few tries.
constexpr int kStampAttempts = 5;

HttpResponse StampProfile(const HttpRequest& request, ServerState& state,
                          const std::function<void(Profile&)>& change) {
  auto call = BeginEditorCall(request, state, EditorRole::kEditor);
  if (!call) return ErrorResponse(call.error());
  EditorServices& services = *call.value().services;
  const std::string id = request.PathParam("id");
  for (int attempt = 0; attempt < kStampAttempts; ++attempt) {
    auto current = services.profiles().Get(id);
    if (!current) return ErrorResponse(current.error());
    if (current.value().status != ProfileStatus::kPublished) {
      return ErrorResponse(
          Error{409, "not_published", "profile " + id + " is unpublished; restore it first", ""});
    }
    auto profile = ProfileFromStoredJson(current.value().json);
    if (!profile) return ErrorResponse(profile.error());
    change(profile.value());
    profile.value().updated_at.clear();
    auto written = services.profiles().Upsert(profile.value(), call.value().identity.editor.email,
                                              current.value().version);
    if (written) {
      return ProfileResponse(written.value().stored, services.compacts());
    }
    if (written.error().status != 412) return ErrorResponse(written.error());
  }
  return ErrorResponse(Error{409, "busy", "the profile kept changing; try again", ""});
}

// A whole-number query parameter within [min, max], or `fallback` when absent.
Result<int> IntParameter(const HttpRequest& request, const std::string& name, int fallback, int min,
                         int max) {
  for (const auto& [key, value] : request.query) {
    if (key != name) continue;
    const Error bad =
        Error::BadParameter(name, name + " must be a whole number from " + std::to_string(min) +
                                      " to " + std::to_string(max));
    if (value.empty() || value.size() > 9 ||
        value.find_first_not_of("0123456789") != std::string::npos) {
      return bad;
    }
    const int number = std::stoi(value);
    if (number < min || number > max) return bad;
    return number;
  }
  return fallback;
}

}  // namespace

HttpResponse HandleConfirmAvailability(const HttpRequest& request, ServerState& state) {
  std::optional<bool> accepting;
  if (!request.body.empty()) {
    rapidjson::Document body;
    if (Status parsed = ParseJsonBody(request.body, BodyJsonLimits(state.config()), body);
        !parsed) {
      return ErrorResponse(parsed.error());
    }
    const bool valid_shape = body.IsObject() && body.MemberCount() <= 1 &&
                             (body.MemberCount() == 0 || (body.HasMember("accepting_new_clients") &&
                                                          body["accepting_new_clients"].IsBool()));
    if (!valid_shape) {
      return ErrorResponse(Error::BadParameter(
          "accepting_new_clients", "send nothing or {\"accepting_new_clients\": true|false}"));
    }
    if (body.MemberCount() == 1) accepting = body["accepting_new_clients"].GetBool();
  }
  const std::string now = ProfileTimestampNow();
  return StampProfile(request, state, [&](Profile& profile) {
    profile.availability_confirmed_at = now;
    if (accepting) profile.accepting_new_clients = *accepting;
  });
}

HttpResponse HandleVerifyProfile(const HttpRequest& request, ServerState& state) {
  const std::string now = ProfileTimestampNow();
  return StampProfile(request, state, [&](Profile& profile) { profile.verified_at = now; });
}

HttpResponse HandleStaleProfiles(const HttpRequest& request, ServerState& state) {
  auto call = BeginEditorCall(request, state, EditorRole::kEditor);
  if (!call) return ErrorResponse(call.error());
  EditorServices& services = *call.value().services;
  const EditorConfig& config = services.config();
  auto days = IntParameter(request, "days", config.stale_default_days, 1, config.stale_max_days);
  if (!days) return ErrorResponse(days.error());
  auto limit =
      IntParameter(request, "limit", config.stale_default_limit, 1, config.stale_max_limit);
  if (!limit) return ErrorResponse(limit.error());
  auto offset = IntParameter(request, "offset", 0, 0, config.stale_max_offset);
  if (!offset) return ErrorResponse(offset.error());

  const std::string cutoff = FormatUtcTimestamp(UtcNow() - std::chrono::hours(24) * days.value(),
                                                TimestampPrecision::kSeconds);
  auto stale = services.stale_profiles().List(cutoff, limit.value(), offset.value());
  if (!stale) return ErrorResponse(stale.error());

  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("days");
  writer.Int(days.value());
  writer.Key("verified_before");
  writer.String(cutoff);
  writer.Key("total");
  writer.Int64(stale.value().total);
  writer.Key("limit");
  writer.Int(limit.value());
  writer.Key("offset");
  writer.Int(offset.value());
  writer.Key("results");
  writer.StartArray();
  for (const StaleProfile& profile : stale.value().profiles) {
    writer.StartObject();
    writer.Key("id");
    writer.String(profile.id);
    writer.Key("name");
    writer.String(profile.name);
    writer.Key("verified_at");
    profile.verified_at.empty() ? writer.Null() : writer.String(profile.verified_at);
    writer.Key("updated_at");
    writer.String(profile.updated_at);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return NoStoreJsonResponse(std::string(buffer.GetString(), buffer.GetSize()));
}

}  // namespace rapport
