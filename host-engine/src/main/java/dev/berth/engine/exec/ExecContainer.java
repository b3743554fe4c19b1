package dev.berth.engine.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What exec needs from a container: a narrow view over the containers package. */
public interface ExecContainer {

  String id();

  Map<String, String> eventAttributes();

  boolean running();

  boolean paused();

  /** The OCI bundle's config.json; its process is the template for exec processes. */
  Path runtimeConfig();

  /** Resolves "name", "uid", "name:group" or "uid:gid" against the container's /etc/passwd and /etc/group. */
  ProcessUser resolveUser(String user);

  /** The OCI runtime binary conmon runs (runc). */
  String runtimePath();

  /** Global runtime flags that find this container (e.g. --root=DIR). */
  List<String> runtimeArgs();

  /** uid, gid, supplementary gids and home directory of a resolved user. */
  record ProcessUser(int uid, int gid, List<Integer> additionalGids, String home) {}
}
