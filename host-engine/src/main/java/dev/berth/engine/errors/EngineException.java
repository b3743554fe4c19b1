package dev.berth.engine.errors;

/**
 * The one error type that engine operations throw. The {@link Kind} decides the HTTP status
 * (see {@link ErrorResponder}); the message is what the docker CLI prints, so it follows
 * dockerd's wording ("No such container: x").
 */
public class EngineException extends RuntimeException {

  public enum Kind {
    INVALID_PARAMETER(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    NOT_MODIFIED(304),
    UNAVAILABLE(503),
    NOT_IMPLEMENTED(501),
    SYSTEM(500);

    public final int status;

    Kind(int status) {
      this.status = status;
    }
  }

  private final Kind kind;

  public EngineException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public EngineException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static EngineException invalidParameter(String message) {
    return new EngineException(Kind.INVALID_PARAMETER, message);
  }

  public static EngineException notFound(String message) {
    return new EngineException(Kind.NOT_FOUND, message);
  }

  public static EngineException noSuchContainer(String ref) {
    return new EngineException(Kind.NOT_FOUND, "No such container: " + ref);
  }

  public static EngineException noSuchImage(String ref) {
    return new EngineException(Kind.NOT_FOUND, "No such image: " + ref);
  }

  public static EngineException conflict(String message) {
    return new EngineException(Kind.CONFLICT, message);
  }

  public static EngineException notModified() {
    return new EngineException(Kind.NOT_MODIFIED, "");
  }

  /** A registry refused the credentials (docker login). */
  public static EngineException unauthorized(String message) {
    return new EngineException(Kind.UNAUTHORIZED, message);
  }

  public static EngineException forbidden(String message) {
    return new EngineException(Kind.FORBIDDEN, message);
  }

  public static EngineException unavailable(String message) {
    return new EngineException(Kind.UNAVAILABLE, message);
  }

  public static EngineException notImplemented(String message) {
    return new EngineException(Kind.NOT_IMPLEMENTED, message);
  }

  public static EngineException system(String message, Throwable cause) {
    return new EngineException(Kind.SYSTEM, message, cause);
  }
}
