// What the OpenAPI document says about each operation beyond the route table
// (routes.h): its operationId and tag, what it answers on success, its
// request body schema, who may call it and the statuses only its handler
// gives. BuildOpenApiDocument (openapi.h) reads this table next to the route
// table and derives the rest from the route (401/403/429 from its access
// class, 404 from a path {id}, 413/415 from its body types, 304 from its
// cache policy).
//
// A new route needs one entry here (tests/web/openapi_test.cpp fails until
// every route of the route table has one) and its schemas in
// openapi_schemas_*.cpp.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "search_params.h"

namespace rapport {

// Who may call an operation, as its OpenAPI `security` says.
enum class Caller {
  kAnyone,           // no credentials (login, health, readiness, metrics)
  kAnyoneOrPartner,  // anonymous, or a partner key (raised limits, fixed filters)
  kEditorReading,    // the session cookie, or an editor bearer token
  kEditorChanging,   // the session cookie with X-CSRF-Token, or an editor bearer token
};

struct OperationDoc {
  std::string_view method;        // as in the route table: "GET", "POST", ...
  std::string_view pattern;       // the route's path pattern
  std::string_view operation_id;  // unique, camelCase
  std::string_view tag;           // one of OpenApiTags()
  Caller caller = Caller::kAnyoneOrPartner;
  int success_status = 200;
  std::string_view success_schema = {};  // a components/schemas name; empty: no body
  std::string_view success_media = "application/json";
  // components/schemas name of a JSON request body (with the route's body
  // types) or, for a route without body types, of an optional JSON body.
  std::string_view request_schema = {};
  std::string_view request_example = {};   // JSON text of an example JSON body
  std::vector<int> handler_statuses = {};  // failures only this handler gives (400, 409, …)
  // The query parameters it reads (nullptr: none), and those it requires.
  const std::vector<ParamSpec>& (*query_params)() = nullptr;
  std::vector<std::string_view> required_params = {};
  std::vector<std::pair<std::string_view, std::string_view>> query_examples = {};
  std::string_view description = {};
};

struct TagDoc {
  std::string_view name;
  std::string_view description;
};

// Every operation of the API and operations routes, in route-table order.
[[nodiscard]] const std::vector<OperationDoc>& OpenApiOperations();

// The query parameters of GET /api/v1/editor/stale, with the editor
// configuration's defaults and limits.
[[nodiscard]] const std::vector<ParamSpec>& StaleListParamTable();

// The tags operations are grouped by, in the order the reference shows them.
[[nodiscard]] const std::vector<TagDoc>& OpenApiTags();

}  // namespace rapport
