package dev.berth.engine.runtime;

/** A runtime or monitor failure; the message is the runtime's own (runc's), trimmed. */
public final class OciRuntimeException extends RuntimeException {

  public OciRuntimeException(String message) {
    super(message);
  }

  public OciRuntimeException(String message, Throwable cause) {
    super(message, cause);
  }
}
