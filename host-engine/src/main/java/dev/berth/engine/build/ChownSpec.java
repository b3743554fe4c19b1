package dev.berth.engine.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** --chown=user[:group] as the classic builder reads it: numbers, or names from the image's /etc/passwd and /etc/group. */
final class ChownSpec {

  private ChownSpec() {}

  /** The owner in {@code root}; a missing group defaults to the user part, as dockerd does. */
  static FileCopy.Owner resolve(String spec, Path root) throws IOException {
    String[] parts = spec.split(":", 2);
    String user = parts[0];
    String group = parts.length > 1 ? parts[1] : user;
    if (user.isEmpty() || group.isEmpty()) {
      throw new BuildException("invalid --chown value: " + spec);
    }
    int uid = id(user, root, "etc/passwd", "uid");
    int gid = id(group, root, "etc/group", "gid");
    return new FileCopy.Owner(uid, gid);
  }

  private static int id(String name, Path root, String file, String what) throws IOException {
    if (name.matches("\\d+")) {
      return Integer.parseInt(name);
    }
    Path db = ConfinedPath.resolve(root, file, true);
    if (Files.isRegularFile(db)) {
      for (String line : Files.readAllLines(db)) {
        String[] f = line.split(":");
        if (f.length > 2 && f[0].equals(name) && f[2].matches("\\d+")) {
          return Integer.parseInt(f[2]);
        }
      }
    }
    throw new BuildException("unable to convert uid/gid chown string to host mapping: can't find " + what + " for "
        + (what.equals("uid") ? "user " : "group ") + name + ": no such " + (what.equals("uid") ? "user" : "group") + ": " + name);
  }
}
