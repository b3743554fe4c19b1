package dev.berth.engine.exec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of POST /exec/{id}/start. */
public final class ExecStartConfig {
  @JsonProperty("Detach")
  public boolean detach;

  @JsonProperty("Tty")
  public boolean tty;

  @JsonProperty("ConsoleSize")
  public List<Integer> consoleSize;
}
