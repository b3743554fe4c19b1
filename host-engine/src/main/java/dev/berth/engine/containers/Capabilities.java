package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Docker's capability rules: the default set, CapAdd/CapDrop (with ALL), Privileged. */
final class Capabilities {

  static final List<String> ALL_KNOWN = dev.berth.engine.runtime.LinuxCapabilities.ALL;

  static final List<String> DEFAULTS =
      List.of(
          "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
          "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

  private static final List<String> GRANTABLE = grantable();

  private Capabilities() {}

  /** "net_admin", "NET_ADMIN" and "CAP_NET_ADMIN" are one capability; ALL stays ALL. */
  static String normalize(String cap) {
    String c = cap.strip().toUpperCase(Locale.ROOT);
    if (c.equals("ALL")) {
      return c;
    }
    if (!c.startsWith("CAP_")) {
      c = "CAP_" + c;
    }
    if (!ALL_KNOWN.contains(c)) {
      throw EngineException.invalidParameter("invalid CapAdd: unknown capability: \"" + c + "\"");
    }
    return c;
  }

  /** The capabilities of the container's process, in Docker's order of rules. */
  static List<String> effective(boolean privileged, List<String> capAdd, List<String> capDrop) {
    if (privileged) {
      return GRANTABLE;
    }
    List<String> adds = capAdd.stream().map(Capabilities::normalize).toList();
    List<String> drops = capDrop.stream().map(Capabilities::normalize).toList();
    Set<String> caps = new LinkedHashSet<>();
    if (adds.contains("ALL")) {
      caps.addAll(GRANTABLE);
    } else if (!drops.contains("ALL")) {
      caps.addAll(DEFAULTS);
    }
    for (String a : adds) {
      if (!a.equals("ALL") && GRANTABLE.contains(a)) {
        caps.add(a);
      }
    }
    if (!drops.contains("ALL")) {
      drops.forEach(caps::remove);
    } else if (adds.contains("ALL")) {
      caps.clear();
    }
    return new ArrayList<>(caps);
  }

  /** The kernel's capabilities that this engine may grant: its bounding set. */
  private static List<String> grantable() {
    long bounding = -1L;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapBnd:")) {
          bounding = Long.parseUnsignedLong(line.substring(7).strip(), 16);
        }
      }
    } catch (IOException | NumberFormatException e) {
      bounding = -1L;
    }
    List<String> out = new ArrayList<>();
    for (int bit = 0; bit < ALL_KNOWN.size(); bit++) {
      if ((bounding & (1L << bit)) != 0) {
        out.add(ALL_KNOWN.get(bit));
      }
    }
    return List.copyOf(out);
  }
}
