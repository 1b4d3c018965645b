// Handlers of the public endpoints: the search API, profiles, suggestions,
// vocabularies, the OpenAPI document, health, readiness, metrics and the
// web pages. Each is a plain function of the request and the server state;
// routes.cpp lists them.
#pragma once

#include "http_types.h"
#include "server_state.h"

namespace rapport {

HttpResponse HandleSearch(const HttpRequest& request, ServerState& state);
// Up to --max-multi-searches searches in one JSON body, answered in order,
// each with its result or its own error (handlers_multi_search.cpp).
HttpResponse HandleMultiSearch(const HttpRequest& request, ServerState& state);
HttpResponse HandleProfile(const HttpRequest& request, ServerState& state);
HttpResponse HandleSuggest(const HttpRequest& request, ServerState& state);
HttpResponse HandleVocab(const HttpRequest& request, ServerState& state);
// How to reach the directory itself (--directory-contact-email/-url).
HttpResponse HandleDirectory(const HttpRequest& request, ServerState& state);
HttpResponse HandleOpenApi(const HttpRequest& request, ServerState& state);
HttpResponse HandleHealthz(const HttpRequest& request, ServerState& state);
HttpResponse HandleReadyz(const HttpRequest& request, ServerState& state);
HttpResponse HandleMetrics(const HttpRequest& request, ServerState& state);

HttpResponse HandleIndexPage(const HttpRequest& request, ServerState& state);
HttpResponse HandleProfilePage(const HttpRequest& request, ServerState& state);
HttpResponse HandleEditorPage(const HttpRequest& request, ServerState& state);
HttpResponse HandleDocsPage(const HttpRequest& request, ServerState& state);
// The file below /static/ of a /static/... route, from web/static/.
HttpResponse HandleStaticFile(const HttpRequest& request, ServerState& state);
// A script of the drop-in search widget, web/static/embed/v1/*.js; 404 JSON
// for any other name (docs/widget.md).
HttpResponse HandleEmbedScript(const HttpRequest& request, ServerState& state);
// The gazetteer (data/cities.json) the search page's place box resolves names with.
HttpResponse HandleGazetteer(const HttpRequest& request, ServerState& state);

}  // namespace rapport
