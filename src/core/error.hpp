#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sohosolo::core {

/// What went wrong, independent of any transport. http/status.cpp maps it to an HTTP status.
enum class ErrorCode {
  kMalformed,             ///< The input cannot be read at all (bad JSON, bad encoding).
  kInvalid,               ///< The input breaks a rule; per-field messages say which.
  kNotFound,              ///< The thing asked for does not exist in this programme.
  kConflict,              ///< The request contradicts the stored state (duplicate, overlap).
  kForbidden,             ///< Authenticated but not allowed.
  kUnauthorized,          ///< Not authenticated, or wrong credentials.
  kTooLarge,              ///< The input exceeds a size limit.
  kHeaderTooLarge,        ///< The request's header fields exceed their limit.
  kMethodNotAllowed,      ///< The resource exists but not with this method.
  kUnsupportedMediaType,  ///< The body is not of a type the route reads.
  kRateLimited,           ///< Too many attempts; retry later.
  kUnavailable,           ///< A dependency (the database) is unreachable; retry later.
  kInternal,              ///< A bug or an infrastructure failure.
};

/// A message about one input field. `message_key` is a catalogue key, so the
/// HTTP layer can render it in the user's language.
struct FieldError {
  std::string field;
  std::string message_key;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  /// Catalogue key of the human message (translated at the edge).
  std::string message_key;
  std::vector<FieldError> fields;
  /// Seconds after which a retry makes sense (rate limits).
  std::optional<int> retry_after;

  static Error Of(ErrorCode code, std::string key) { return Error{code, std::move(key), {}, {}}; }
};

/// The errors every module says, named once.
/// The thing asked for does not exist (in this programme: another programme's is not found either).
inline Error NotFound(std::string key = "error.not_found") {
  return Error::Of(ErrorCode::kNotFound, std::move(key));
}
/// Input that breaks rules: a message per field, and `key` to sum them up.
inline Error Invalid(std::vector<FieldError> fields, std::string key = "error.invalid") {
  return Error{ErrorCode::kInvalid, std::move(key), std::move(fields), {}};
}
/// Authenticated but not allowed.
inline Error Forbidden(std::string key = "error.forbidden") {
  return Error::Of(ErrorCode::kForbidden, std::move(key));
}

/// The outcome of a service or store call: a value or an Error.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

/// Result of an operation that yields nothing but may fail.
struct Done {};
using Status = Result<Done>;
inline Status Ok() { return Done{}; }

}  // namespace sohosolo::core
