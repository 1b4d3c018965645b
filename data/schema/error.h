// Error and Result: how failures travel through Rapport as values.
//
// An Error carries an HTTP status, a stable machine-readable code, a message a
// user can act on and, where it applies, the field or parameter at fault. The
// HTTP layer only translates an Error into the JSON error of DESIGN.md §3.
//
//   Result<Profile> r = store.Get(id);
//   if (!r) return r.error();
//   Use(r.value());
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace rapport {

struct Error {
  int status = 500;     // HTTP status the error maps to
  std::string code;     // e.g. "invalid_parameter", "not_found"
  std::string message;  // human-readable, safe to show to a client
  std::string field;    // field path or parameter name; empty when none applies

  static Error BadParameter(std::string field, std::string message) {
    return {400, "invalid_parameter", std::move(message), std::move(field)};
  }
  static Error NotFound(std::string message) { return {404, "not_found", std::move(message), ""}; }
  static Error Internal(std::string message) { return {500, "internal", std::move(message), ""}; }
  // The search index cannot be opened or read (a retry may succeed).
  static Error IndexUnavailable(std::string message) {
    return {503, "index_unavailable", std::move(message), ""};
  }
  // The SQLite store cannot be opened or read.
  static Error StoreUnavailable(std::string message) {
    return {503, "store_unavailable", std::move(message), ""};
  }
  // The server cannot serve yet, or any more (readiness).
  static Error NotReady(std::string message) { return {503, "not_ready", std::move(message), ""}; }
  static Error PayloadTooLarge(std::string message) {
    return {413, "payload_too_large", std::move(message), ""};
  }
  // A write based on a version that is no longer current.
  static Error VersionConflict(std::string field, std::string message) {
    return {412, "version_conflict", std::move(message), std::move(field)};
  }
  // A write that must name the version it is based on did not.
  static Error PreconditionRequired(std::string field, std::string message) {
    return {428, "precondition_required", std::move(message), std::move(field)};
  }
  static Error AlreadyExists(std::string field, std::string message) {
    return {409, "already_exists", std::move(message), std::move(field)};
  }
  static Error Forbidden(std::string field, std::string message) {
    return {403, "forbidden", std::move(message), std::move(field)};
  }
  // A search over one of the bounds of its size (query_shape.h, request_bounds.h).
  static Error QueryTooComplex(std::string field, std::string message) {
    return {400, "query_too_complex", std::move(message), std::move(field)};
  }
};

// Holds either a T or an Error. Check with `if (!r)` before calling value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  explicit operator bool() const { return std::holds_alternative<T>(state_); }
  bool ok() const { return std::holds_alternative<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Result for operations that return nothing on success.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design
  static Status Ok() { return Status(); }

  explicit operator bool() const { return ok_; }
  bool ok() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace rapport
