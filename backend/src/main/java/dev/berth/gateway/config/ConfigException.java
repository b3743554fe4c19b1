package dev.berth.gateway.config;

/** A setting is wrong; the message names it and says what is expected. Stops the start. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
