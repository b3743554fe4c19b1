package dev.berth.gateway.http;

/**
 * The gateway's one error catalogue. Handlers fail with an ApiError (directly or through
 * {@code ctx.fail(error)}) and the failure handler writes {@code {"message", "code"}}.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;

  public ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, "conflict", message);
  }

  public static ApiError payloadTooLarge(String message) {
    return new ApiError(413, "payload_too_large", message);
  }

  public static ApiError tooManyRequests(String message) {
    return new ApiError(429, "too_many_requests", message);
  }

  /** The engine behind a host could not be reached or answered with a server error. */
  public static ApiError hostUnavailable(String message) {
    return new ApiError(502, "host_unavailable", message);
  }

  /** A non-admin request broke a host's security policy; the message names the rule. */
  public static ApiError policyViolation(String message) {
    return new ApiError(403, "policy_violation", message);
  }

  public static ApiError internal(String message) {
    return new ApiError(500, "internal", message);
  }
}
