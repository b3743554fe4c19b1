package dev.berth.engine.containers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCI runtime spec (config.json) of a container, shaped like dockerd's: namespaces, the
 * default capabilities, masked and read-only /proc paths, the standard /dev, /proc, /sys mounts,
 * the per-container etc files, binds, cgroup v1 resources. It sets no rlimits: dockerd sets none
 * and raising one needs CAP_SYS_RESOURCE, which the engine may lack.
 */
final class OciSpecBuilder {

  static final String INIT_BINARY = "/usr/bin/catatonit";
  static final String INIT_PATH = "/sbin/docker-init";
  static final long DEFAULT_SHM = 64L * 1024 * 1024;

  private static final List<String> MASKED =
      List.of(
          "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
          "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
          "/sys/firmware");
  private static final List<String> READONLY =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  private OciSpecBuilder() {}

  static JsonObject build(
      Container c, Path rootfs, UserResolver.User user, List<MountPoints.MountPoint> mounts, String hostname) {
    JsonObject config = c.config();
    JsonObject host = c.hostConfig();
    boolean privileged = host.getBoolean("Privileged", false);
    boolean tty = config.getBoolean("Tty", false);

    List<String> args = new ArrayList<>();
    if (host.getBoolean("Init", false)) {
      args.add(INIT_PATH);
      args.add("--");
    }
    args.add(c.path());
    args.addAll(c.args());

    JsonArray caps =
        new JsonArray(
            new ArrayList<>(
                Capabilities.effective(
                    privileged,
                    ConfigMerge.strings(host.getValue("CapAdd")),
                    ConfigMerge.strings(host.getValue("CapDrop")))));
    String cwd = config.getString("WorkingDir", "");
    JsonObject process =
        new JsonObject()
            .put("terminal", tty)
            .put(
                "user",
                new JsonObject()
                    .put("uid", user.uid())
                    .put("gid", user.gid())
                    .put("additionalGids", new JsonArray(new ArrayList<>(user.additionalGids()))))
            .put("args", new JsonArray(args))
            .put(
                "env",
                new JsonArray(
                    ConfigMerge.processEnv(ConfigMerge.strings(config.getValue("Env")), hostname, tty)))
            .put("cwd", cwd.isEmpty() ? "/" : cwd)
            .put(
                "capabilities",
                new JsonObject().put("bounding", caps).put("effective", caps).put("permitted", caps))
            .put("noNewPrivileges", false)
            .put("oomScoreAdj", 0);
    JsonArray consoleSize = host.getJsonArray("ConsoleSize");
    if (tty && consoleSize != null && consoleSize.size() == 2 && consoleSize.getValue(0) instanceof Number h && h.intValue() > 0) {
      process.put(
          "consoleSize",
          new JsonObject().put("height", consoleSize.getInteger(0)).put("width", consoleSize.getInteger(1)));
    }

    JsonObject linux =
        new JsonObject()
            .put("namespaces", namespaces(host))
            .put("resources", resources(host, privileged))
            .put("cgroupsPath", cgroupsPath(c));
    if (!privileged) {
      linux.put("maskedPaths", new JsonArray(new ArrayList<>(MASKED)));
      linux.put("readonlyPaths", new JsonArray(new ArrayList<>(READONLY)));
    } else {
      linux.put("devices", hostDevices());
    }

    return new JsonObject()
        .put("ociVersion", "1.0.2-dev")
        .put("process", process)
        .put(
            "root",
            new JsonObject()
                .put("path", rootfs.toString())
                .put("readonly", host.getBoolean("ReadonlyRootfs", false)))
        .put("hostname", hostname)
        .put("mounts", mounts(c, host, privileged, mounts))
        .put("linux", linux);
  }

  /** The container's cgroup below each hierarchy's root (runc's cgroupfs driver). */
  static String cgroupsPath(Container c) {
    return "/berth/" + c.id();
  }

  private static JsonArray namespaces(JsonObject host) {
    JsonArray ns = new JsonArray();
    for (String type : List.of("pid", "ipc", "uts", "mount")) {
      ns.add(new JsonObject().put("type", type));
    }
    if (!"host".equals(host.getString("NetworkMode", ""))) {
      // runc brings loopback up in a fresh network namespace
      ns.add(new JsonObject().put("type", "network"));
    }
    return ns;
  }

  /** linux.resources: devices and the limits of HostConfig (also what `update` applies). */
  static JsonObject resources(JsonObject host, boolean privileged) {
    JsonObject r = new JsonObject();
    JsonArray devices = new JsonArray();
    devices.add(new JsonObject().put("allow", privileged).put("access", "rwm"));
    r.put("devices", devices);
    long memory = host.getLong("Memory", 0L);
    if (memory > 0) {
      JsonObject mem = new JsonObject().put("limit", memory);
      long swap = host.getLong("MemorySwap", 0L);
      if (Files.exists(Path.of("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes"))) {
        // dockerd's default: as much swap as memory, -1 for unlimited
        mem.put("swap", swap == 0 ? memory * 2 : swap);
      }
      r.put("memory", mem);
    }
    JsonObject cpu = new JsonObject();
    long nanoCpus = host.getLong("NanoCpus", 0L);
    if (nanoCpus > 0) {
      cpu.put("period", 100_000L).put("quota", nanoCpus * 100_000L / 1_000_000_000L);
    } else if (host.getLong("CpuQuota", 0L) > 0) {
      cpu.put("quota", host.getLong("CpuQuota"));
      if (host.getLong("CpuPeriod", 0L) > 0) {
        cpu.put("period", host.getLong("CpuPeriod"));
      }
    }
    long shares = host.getLong("CpuShares", 0L);
    if (shares > 0) {
      cpu.put("shares", shares);
    }
    if (!cpu.isEmpty()) {
      r.put("cpu", cpu);
    }
    Long pids = host.getLong("PidsLimit");
    if (pids != null && pids != 0) {
      r.put("pids", new JsonObject().put("limit", pids < 0 ? -1 : pids));
    }
    return r;
  }

  private static JsonArray mounts(Container c, JsonObject host, boolean privileged, List<MountPoints.MountPoint> binds) {
    JsonArray m = new JsonArray();
    m.add(mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"));
    m.add(mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"));
    m.add(mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
    m.add(mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", privileged ? "rw" : "ro"));
    m.add(mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", privileged ? "rw" : "ro"));
    m.add(mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"));
    long shm = host.getLong("ShmSize", 0L);
    m.add(mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=" + (shm > 0 ? shm : DEFAULT_SHM)));
    for (MountPoints.MountPoint b : binds) {
      m.add(b.toOci());
    }
    boolean userEtc = binds.stream().anyMatch(b -> b.destination().equals("/etc/resolv.conf"));
    if (!userEtc) {
      m.add(mount("/etc/resolv.conf", "bind", c.resolvConfPath().toString(), "rbind", "rprivate"));
    }
    if (binds.stream().noneMatch(b -> b.destination().equals("/etc/hostname"))) {
      m.add(mount("/etc/hostname", "bind", c.hostnamePath().toString(), "rbind", "rprivate"));
    }
    if (binds.stream().noneMatch(b -> b.destination().equals("/etc/hosts"))) {
      m.add(mount("/etc/hosts", "bind", c.hostsPath().toString(), "rbind", "rprivate"));
    }
    if (host.getBoolean("Init", false)) {
      m.add(mount(INIT_PATH, "bind", INIT_BINARY, "bind", "ro"));
    }
    return m;
  }

  private static JsonObject mount(String dest, String type, String source, String... options) {
    return new JsonObject()
        .put("destination", dest)
        .put("type", type)
        .put("source", source)
        .put("options", new JsonArray(List.of((Object[]) options)));
  }

  /** With --privileged, dockerd passes every host device in /dev to the container. */
  private static JsonArray hostDevices() {
    JsonArray out = new JsonArray();
    try (DirectoryStream<Path> dev = Files.newDirectoryStream(Path.of("/dev"))) {
      for (Path p : dev) {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (!a.isOther() || p.getFileName().toString().equals("console")) {
          continue;
        }
        Object rdev = Files.getAttribute(p, "unix:rdev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        String type = (mode & 0170000) == 0020000 ? "c" : (mode & 0170000) == 0060000 ? "b" : null;
        if (type == null) {
          continue;
        }
        long r = ((Number) rdev).longValue();
        long major = ((r >> 8) & 0xfff) | ((r >> 32) & ~0xfffL);
        long minor = (r & 0xff) | ((r >> 12) & ~0xffL);
        out.add(
            new JsonObject()
                .put("path", p.toString())
                .put("type", type)
                .put("major", major)
                .put("minor", minor)
                .put("fileMode", mode & 07777)
                .put("uid", (Integer) Files.getAttribute(p, "unix:uid"))
                .put("gid", (Integer) Files.getAttribute(p, "unix:gid")));
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }
}
