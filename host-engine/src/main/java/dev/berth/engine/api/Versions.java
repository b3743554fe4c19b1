package dev.berth.engine.api;

/** Version strings the engine reports. */
public final class Versions {
  public static final String ENGINE = "0.1.0";

  private Versions() {}
}
