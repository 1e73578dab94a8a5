package dev.caprune.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** A modelled CodeArtifact error: HTTP status, exception name, body members and extra headers. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String type;
  final transient Map<String, Object> members = new LinkedHashMap<>();
  final transient Map<String, String> headers = new LinkedHashMap<>();

  private ApiException(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  static ApiException validation(String message) {
    return validation("FIELD_VALIDATION_FAILED", message);
  }

  static ApiException validation(String reason, String message) {
    ApiException e = new ApiException(400, "ValidationException", message);
    e.members.put("reason", reason);
    return e;
  }

  static ApiException notFound(String resourceType, String resourceId, String message) {
    ApiException e = new ApiException(404, "ResourceNotFoundException", message);
    e.members.put("resourceId", resourceId);
    e.members.put("resourceType", resourceType);
    return e;
  }

  static ApiException conflict(String resourceType, String resourceId, String message) {
    ApiException e = new ApiException(409, "ConflictException", message);
    e.members.put("resourceId", resourceId);
    e.members.put("resourceType", resourceType);
    return e;
  }

  static ApiException accessDenied(String message) {
    return new ApiException(403, "AccessDeniedException", message);
  }

  /** A session key past its expiry (the sandbox's STS issued it). */
  static ApiException expiredToken(String message) {
    return new ApiException(403, "ExpiredTokenException", message);
  }

  static ApiException throttling(int retryAfterSeconds) {
    ApiException e = new ApiException(429, "ThrottlingException", "Rate exceeded");
    e.headers.put("Retry-After", Integer.toString(retryAfterSeconds));
    return e;
  }

  static ApiException internal(String message) {
    return new ApiException(500, "InternalServerException", message);
  }

  /** A path that is no CodeArtifact operation at all (AWS answers such paths with a 404). */
  static ApiException unknownPath(String message) {
    return new ApiException(404, "UnknownOperationException", message);
  }
}
