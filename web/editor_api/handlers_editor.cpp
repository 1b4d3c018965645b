// Profile writes of the editor API: create, update (If-Match), unpublish,
// restore, the editor's view of a profile and its history.
#include "handlers_editor.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "edited_offices.h"
#include "editor_auth.h"
#include "editor_bodies.h"
#include "editor_responses.h"
#include "http_errors.h"

namespace rapport {
namespace {

// A 412 from the store becomes the answer naming the current version.
HttpResponse WriteFailure(EditorServices& services, const std::string& id, const Error& error) {
  if (error.status != 412) return ErrorResponse(error);
  auto current = services.profiles().Get(id);
  if (!current) return ErrorResponse(current.error());
  return VersionConflictResponse(current.value().version);
}

}  // namespace

HttpResponse HandleCreateProfile(const HttpRequest& request, ServerState& state) {
  auto call = BeginEditorCall(request, state, EditorRole::kEditor);
  if (!call) return ErrorResponse(call.error());
  EditorServices& services = *call.value().services;
  BodyProfile body =
      ReadProfileBody(request.body, BodyJsonLimits(state.config()), services.Validator());
  if (!body.profile) return body.failure;
  DropEditorPlacedPrecisions(nullptr, &*body.profile);
  auto written = services.profiles().Upsert(*body.profile, call.value().identity.editor.email, 0);
  if (!written) return ErrorResponse(written.error());
  HttpResponse response = ProfileResponse(written.value().stored, services.compacts(), 201);
  response.SetHeader("Location", "/api/v1/therapists/" + body.profile->id);
  return response;
}

HttpResponse HandleUpdateProfile(const HttpRequest& request, ServerState& state) {
  auto call = BeginEditorCall(request, state, EditorRole::kEditor);
  if (!call) return ErrorResponse(call.error());
  EditorServices& services = *call.value().services;
  const std::string id = request.PathParam("id");
  auto expected = IfMatchVersion(request);
  if (!expected) return ErrorResponse(expected.error());
  auto current = services.profiles().Get(id);
  if (!current) return ErrorResponse(current.error());
  BodyProfile body =
      ReadProfileBody(request.body, BodyJsonLimits(state.config()), services.Validator());
  if (!body.profile) return body.failure;
  if (body.profile->id != id) {
    return ValidationFailedResponse({{"id", "must be the id in the path (" + id + ")"}});
  }
  // Against the version read above: a write over any other fails If-Match.
  DropEditorPlacedPrecisions(&current.value().profile, &*body.profile);
  auto written = services.profiles().Upsert(*body.profile, call.value().identity.editor.email,
                                            expected.value());
  if (!written) return WriteFailure(services, id, written.error());
  return ProfileResponse(written.value().stored, services.compacts());
}

HttpResponse HandleUnpublishProfile(const HttpRequest& request, ServerState& state) {
  auto call = BeginEditorCall(request, state, EditorRole::kEditor);
  if (!call) return ErrorResponse(call.error());
  EditorServices& services = *call.value().services;
  const std::string id = request.PathParam("id");
  std::optional<int64_t> expected;
  if (!request.Header("if-match").empty()) {
    auto version = IfMatchVersion(request);
    if (!version) return ErrorResponse(version.error());
    expected = version.value();
  }
  auto written = services.profiles().Unpublish(id, call.value().identity.editor.email, expected);
  if (!written) return WriteFailure(services, id, written.error());
  return ProfileResponse(written.value().stored, services.compacts());
}

HttpResponse HandleRestoreProfile(const HttpRequest& request, ServerState& state) {
  auto call = BeginEditorCall(request, state, EditorRole::kEditor);
  if (!call) return ErrorResponse(call.error());
  EditorServices& services = *call.value().services;
  const std::string id = request.PathParam("id");
  auto version = ReadRestoreBody(request.body, BodyJsonLimits(state.config()));
  if (!version) return ErrorResponse(version.error());
  auto written =
      services.profiles().Restore(id, version.value(), call.value().identity.editor.email);
  if (!written) return ErrorResponse(written.error());
  return ProfileResponse(written.value().stored, services.compacts());
}

HttpResponse HandleEditorProfile(const HttpRequest& request, ServerState& state) {
  auto call = BeginEditorCall(request, state, EditorRole::kEditor);
  if (!call) return ErrorResponse(call.error());
  EditorServices& services = *call.value().services;
  auto stored = services.profiles().Get(request.PathParam("id"));
  if (!stored) return ErrorResponse(stored.error());
  return ProfileResponse(stored.value(), services.compacts());
}

HttpResponse HandleProfileHistory(const HttpRequest& request, ServerState& state) {
  auto call = BeginEditorCall(request, state, EditorRole::kEditor);
  if (!call) return ErrorResponse(call.error());
  const std::string id = request.PathParam("id");
  auto history = call.value().services->profiles().History(id);
  if (!history) return ErrorResponse(history.error());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("id");
  writer.String(id);
  writer.Key("revisions");
  writer.StartArray();
  for (const Revision& revision : history.value()) {
    writer.StartObject();
    writer.Key("version");
    writer.Int64(revision.version);
    writer.Key("actor");
    writer.String(revision.actor);
    writer.Key("at");
    writer.String(revision.at);
    writer.Key("action");
    writer.String(revision.action);
    writer.Key("changed_fields");
    writer.StartArray();
    for (const std::string& field : revision.changed_fields) writer.String(field);
    writer.EndArray();
    // The whole document, so a reader can show before/after values.
    writer.Key("document");
    writer.RawValue(revision.json.c_str(), revision.json.size(), rapidjson::kObjectType);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return NoStoreJsonResponse(std::string(buffer.GetString(), buffer.GetSize()));
}

}  // namespace rapport
