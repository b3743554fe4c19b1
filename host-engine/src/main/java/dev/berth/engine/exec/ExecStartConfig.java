package dev.berth.engine.exec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of POST /exec/{id}/start (its Tty only repeats the exec's own). */
public final class ExecStartConfig {
  @JsonProperty("Detach")
  public boolean detach;

  @JsonProperty("ConsoleSize")
  public List<Integer> consoleSize;
}
