// Handlers of the editor API (DESIGN.md §3, docs/editors.md): sessions,
// profile writes with optimistic concurrency, history and restore, the
// freshness actions (confirm availability, verify, the stale list) and bulk
// edits. Each authenticates the caller itself (editor_auth.h); routes.cpp
// lists them with Access::kEditor.
#pragma once

#include "http_types.h"
#include "server_state.h"

namespace rapport {

// Sessions (handlers_editor_session.cpp).
HttpResponse HandleLogin(const HttpRequest& request, ServerState& state);
HttpResponse HandleSessionInfo(const HttpRequest& request, ServerState& state);
HttpResponse HandleLogout(const HttpRequest& request, ServerState& state);

// Profile writes (handlers_editor.cpp).
HttpResponse HandleCreateProfile(const HttpRequest& request, ServerState& state);
HttpResponse HandleUpdateProfile(const HttpRequest& request, ServerState& state);
HttpResponse HandleUnpublishProfile(const HttpRequest& request, ServerState& state);
HttpResponse HandleRestoreProfile(const HttpRequest& request, ServerState& state);
HttpResponse HandleEditorProfile(const HttpRequest& request, ServerState& state);
HttpResponse HandleProfileHistory(const HttpRequest& request, ServerState& state);

// Freshness (handlers_editor_review.cpp).
HttpResponse HandleConfirmAvailability(const HttpRequest& request, ServerState& state);
HttpResponse HandleVerifyProfile(const HttpRequest& request, ServerState& state);
HttpResponse HandleStaleProfiles(const HttpRequest& request, ServerState& state);

// Bulk edits (handlers_editor_batch.cpp).
HttpResponse HandleProfileBatch(const HttpRequest& request, ServerState& state);

}  // namespace rapport
