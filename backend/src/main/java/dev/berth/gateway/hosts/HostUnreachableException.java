package dev.berth.gateway.hosts;

/** The engine could not be reached or broke the connection. */
public class HostUnreachableException extends RuntimeException {

  private final String hostId;

  public HostUnreachableException(String hostId, String message, Throwable cause) {
    super(message, cause);
    this.hostId = hostId;
  }

  public String hostId() {
    return hostId;
  }
}
