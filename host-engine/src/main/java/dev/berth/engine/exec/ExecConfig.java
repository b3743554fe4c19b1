package dev.berth.engine.exec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of POST /containers/{id}/exec, in Docker's field names. */
public final class ExecConfig {
  @JsonProperty("AttachStdin")
  public boolean attachStdin;

  @JsonProperty("AttachStdout")
  public boolean attachStdout;

  @JsonProperty("AttachStderr")
  public boolean attachStderr;

  @JsonProperty("DetachKeys")
  public String detachKeys = "";

  @JsonProperty("Tty")
  public boolean tty;

  @JsonProperty("ConsoleSize")
  public List<Integer> consoleSize;

  @JsonProperty("Env")
  public List<String> env;

  @JsonProperty("Cmd")
  public List<String> cmd;

  @JsonProperty("Privileged")
  public boolean privileged;

  @JsonProperty("User")
  public String user = "";

  @JsonProperty("WorkingDir")
  public String workingDir = "";
}
