package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.Commands;
import dev.berth.engine.runtime.OciRuntimeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** GET /containers/{id}/top: host `ps` with ps_args, keeping the container's processes (as dockerd). */
final class ContainerTop {

  private ContainerTop() {}

  static JsonObject top(ContainerService s, Container c, String psArgs) {
    if (!c.isRunning()) {
      throw EngineException.conflict("Container " + c.id() + " is not running");
    }
    String args = psArgs == null || psArgs.isEmpty() ? "-ef" : psArgs;
    Set<Integer> pids;
    try {
      pids = new HashSet<>(s.runtime.pids(c.id()));
    } catch (OciRuntimeException e) {
      throw EngineException.system("Error running top: " + e.getMessage(), e);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add("ps");
    cmd.addAll(Arrays.asList(args.strip().split("\\s+")));
    Commands.Result r = Commands.run(cmd);
    if (!r.ok()) {
      throw EngineException.invalidParameter("Error running ps: exit status " + r.exit() + ": " + r.err().strip());
    }
    return parse(r.out(), pids);
  }

  static JsonObject parse(String output, Set<Integer> pids) {
    String[] lines = output.split("\n");
    String[] titles = lines[0].strip().split("\\s+");
    int pidIndex = Arrays.asList(titles).indexOf("PID");
    if (pidIndex < 0) {
      throw EngineException.invalidParameter("Couldn't find PID field in ps output");
    }
    JsonArray processes = new JsonArray();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s+");
      int pid;
      try {
        pid = Integer.parseInt(fields[pidIndex]);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        continue;
      }
      if (!pids.contains(pid)) {
        continue;
      }
      JsonArray row = new JsonArray();
      for (int f = 0; f < titles.length - 1 && f < fields.length; f++) {
        row.add(fields[f]);
      }
      if (fields.length >= titles.length) {
        row.add(String.join(" ", Arrays.copyOfRange(fields, titles.length - 1, fields.length)));
      }
      processes.add(row);
    }
    return new JsonObject().put("Titles", new JsonArray(Arrays.asList((Object[]) titles))).put("Processes", processes);
  }
}
