package dev.berth.gateway.hosts;

/** No engine connection is registered for this host id on this node. */
public class UnknownHostException extends RuntimeException {

  public UnknownHostException(String hostId) {
    super("no such host: " + hostId);
  }
}
