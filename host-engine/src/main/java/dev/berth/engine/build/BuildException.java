package dev.berth.engine.build;

/**
 * A build failure after the response has started; its message travels in-band as Docker's
 * errorDetail, with {@code code} as the CLI's exit status (a RUN step's exit code, else 1).
 */
final class BuildException extends RuntimeException {

  private final int code;

  BuildException(String message) {
    this(message, 1);
  }

  BuildException(String message, int code) {
    super(message);
    this.code = code;
  }

  int code() {
    return code;
  }
}
