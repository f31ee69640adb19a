#include "http/status.hpp"

namespace sohosolo::http {

int HttpStatusFor(core::ErrorCode code) {
  using core::ErrorCode;
  switch (code) {
    case ErrorCode::kMalformed:
      return 400;
    case ErrorCode::kInvalid:
      return 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kUnauthorized:
      return 401;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kHeaderTooLarge:
      return 431;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kUnsupportedMediaType:
      return 415;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

const char* ProblemTypeFor(core::ErrorCode code) {
  using core::ErrorCode;
  switch (code) {
    case ErrorCode::kMalformed:
      return "/problems/malformed";
    case ErrorCode::kInvalid:
      return "/problems/invalid";
    case ErrorCode::kNotFound:
      return "/problems/not-found";
    case ErrorCode::kConflict:
      return "/problems/conflict";
    case ErrorCode::kForbidden:
      return "/problems/forbidden";
    case ErrorCode::kUnauthorized:
      return "/problems/unauthorized";
    case ErrorCode::kTooLarge:
      return "/problems/too-large";
    case ErrorCode::kHeaderTooLarge:
      return "/problems/header-too-large";
    case ErrorCode::kMethodNotAllowed:
      return "/problems/method-not-allowed";
    case ErrorCode::kUnsupportedMediaType:
      return "/problems/unsupported-media-type";
    case ErrorCode::kRateLimited:
      return "/problems/rate-limited";
    case ErrorCode::kUnavailable:
      return "/problems/unavailable";
    case ErrorCode::kInternal:
      return "/problems/internal";
  }
  return "about:blank";
}

}  // namespace sohosolo::http
