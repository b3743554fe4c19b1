package dev.berth.engine.stats;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** Interface counters of a container's network namespace, from /proc/PID/net/dev. */
final class NetDev {

  private NetDev() {}

  /** {"eth0": {"rx_bytes": ...}} for every interface but loopback. */
  static JsonObject read(int pid) {
    JsonObject out = new JsonObject();
    for (String line : CgroupFiles.read(Path.of("/proc", Integer.toString(pid), "net", "dev")).split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      String[] f = line.substring(colon + 1).trim().split("\\s+");
      if (name.equals("lo") || f.length < 12) {
        continue;
      }
      out.put(
          name,
          new JsonObject()
              .put("rx_bytes", Long.parseLong(f[0]))
              .put("rx_packets", Long.parseLong(f[1]))
              .put("rx_errors", Long.parseLong(f[2]))
              .put("rx_dropped", Long.parseLong(f[3]))
              .put("tx_bytes", Long.parseLong(f[8]))
              .put("tx_packets", Long.parseLong(f[9]))
              .put("tx_errors", Long.parseLong(f[10]))
              .put("tx_dropped", Long.parseLong(f[11])));
    }
    return out;
  }
}
