package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves Config.User ("name", "uid", "name:group", "uid:gid") against a rootfs's /etc/passwd
 * and /etc/group, as dockerd does: a numeric uid need not exist, a name must; the user's
 * supplementary groups come from /etc/group.
 */
final class UserResolver {

  /** The process identity. */
  record User(int uid, int gid, List<Integer> additionalGids, String home) {}

  private UserResolver() {}

  static User resolve(String spec, String passwd, String group) {
    String user = spec == null || spec.isEmpty() ? "0" : spec;
    String userPart = user;
    String groupPart = null;
    int colon = user.indexOf(':');
    if (colon >= 0) {
      userPart = user.substring(0, colon);
      groupPart = user.substring(colon + 1);
    }
    String[] entry = find(passwd, userPart, 7);
    int uid;
    int gid;
    String home = "/";
    String userName;
    if (entry != null) {
      uid = Integer.parseInt(entry[2]);
      gid = Integer.parseInt(entry[3]);
      home = entry[5].isEmpty() ? "/" : entry[5];
      userName = entry[0];
    } else if (isNumber(userPart)) {
      uid = Integer.parseInt(userPart);
      gid = 0;
      userName = null;
    } else {
      throw EngineException.invalidParameter(
          "unable to find user " + userPart + ": no matching entries in passwd file");
    }
    if (groupPart != null && !groupPart.isEmpty()) {
      String[] g = find(group, groupPart, 3);
      if (g != null) {
        gid = Integer.parseInt(g[2]);
      } else if (isNumber(groupPart)) {
        gid = Integer.parseInt(groupPart);
      } else {
        throw EngineException.invalidParameter(
            "unable to find group " + groupPart + ": no matching entries in group file");
      }
    }
    List<Integer> extra = new ArrayList<>();
    if (userName != null && groupPart == null) {
      for (String line : lines(group)) {
        String[] f = line.split(":", -1);
        if (f.length >= 4 && isNumber(f[2])) {
          for (String member : f[3].split(",")) {
            int g = Integer.parseInt(f[2]);
            if (member.strip().equals(userName) && g != gid && !extra.contains(g)) {
              extra.add(g);
            }
          }
        }
      }
    }
    return new User(uid, gid, extra, home);
  }

  /** Reads etc/passwd and etc/group of a mounted rootfs (missing files are empty). */
  static User resolve(String spec, Path rootfs) {
    return resolve(spec, read(rootfs.resolve("etc/passwd")), read(rootfs.resolve("etc/group")));
  }

  private static String read(Path p) {
    try {
      return Files.isRegularFile(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** The line whose name (field 0) or, for a number, id (field 2) matches. */
  private static String[] find(String file, String key, int minFields) {
    boolean numeric = isNumber(key);
    for (String line : lines(file)) {
      String[] f = line.split(":", -1);
      if (f.length < minFields || !isNumber(f[2]) || (minFields > 3 && !isNumber(f[3]))) {
        continue;
      }
      if (f[0].equals(key) || numeric && f[2].equals(key)) {
        return f;
      }
    }
    return null;
  }

  private static List<String> lines(String file) {
    List<String> out = new ArrayList<>();
    for (String l : file.split("\n")) {
      String s = l.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean isNumber(String s) {
    return s != null && !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }
}
