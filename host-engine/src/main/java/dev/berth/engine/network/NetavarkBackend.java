package dev.berth.engine.network;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * netavark 1.4 ({@code netavark --config DIR setup|teardown NETNS < json}): bridge + veth,
 * iptables NAT and port DNAT (with route_localnet, so 127.0.0.1 reaches published ports without
 * a userland proxy), and aardvark-dns for names on DNS-enabled networks. netavark's network
 * name is our network id: its iptables chain names hash it, and ids never collide between
 * engines on one host, where names ("bridge") would.
 */
final class NetavarkBackend implements NetworkBackend {

  private static final Logger LOG = Logger.getLogger(NetavarkBackend.class.getName());
  private static final List<Path> DIRS = List.of(Path.of("/usr/lib/podman"), Path.of("/usr/libexec/podman"));

  private final Path netavark;
  private final Path aardvark;
  private final Path configDir;

  NetavarkBackend(Path configDir) throws IOException {
    this.netavark = find("netavark");
    this.aardvark = find("aardvark-dns");
    this.configDir = configDir;
    Files.createDirectories(configDir);
  }

  private static Path find(String binary) throws IOException {
    for (Path d : DIRS) {
      if (Files.isExecutable(d.resolve(binary))) {
        return d.resolve(binary);
      }
    }
    throw new IOException(binary + " not found in " + DIRS + ": install the netavark and aardvark-dns packages");
  }

  @Override
  public void setup(Path netns, Attachment a) throws IOException {
    Result r = run("setup", netns, input(a));
    if (r.exit != 0) {
      // netavark may have done part of it
      run("teardown", netns, input(a));
      throw new IOException("network setup failed: " + r.message());
    }
  }

  @Override
  public void teardown(Path netns, Attachment a) {
    try {
      Result r = run("teardown", netns, input(a));
      if (r.exit != 0) {
        LOG.fine("netavark teardown of " + a.containerId() + ": " + r.message());
      }
    } catch (IOException e) {
      LOG.warning("netavark teardown of " + a.containerId() + ": " + e.getMessage());
    }
  }

  private JsonObject input(Attachment a) {
    Network n = a.network();
    JsonArray ports = new JsonArray();
    for (PortMapping p : a.ports().stream().filter(PortMapping::dnat).toList()) {
      ports.add(
          new JsonObject()
              .put("host_ip", p.hostIp())
              .put("container_port", p.containerPort())
              .put("host_port", p.hostPort())
              .put("range", 1)
              .put("protocol", p.protocol()));
    }
    JsonObject options =
        new JsonObject()
            .put("static_ips", new JsonArray().add(a.ipString()))
            .put("static_mac", a.mac())
            .put("interface_name", a.iface());
    if (n.dns()) {
      options.put("aliases", new JsonArray(new ArrayList<>(a.aliases())));
    }
    JsonObject info =
        new JsonObject()
            .put("name", n.id())
            .put("id", n.id())
            .put("driver", "bridge")
            .put("network_interface", n.bridge())
            .put(
                "subnets",
                new JsonArray().add(new JsonObject().put("subnet", n.subnet().toString()).put("gateway", n.gatewayIp())))
            .put("ipv6_enabled", false)
            .put("internal", n.internal())
            .put("dns_enabled", n.dns())
            .put("ipam_options", new JsonObject().put("driver", "host-local"));
    return new JsonObject()
        .put("container_id", a.containerId())
        .put("container_name", a.containerName())
        .put("port_mappings", ports)
        .put("networks", new JsonObject().put(n.id(), options))
        .put("network_info", new JsonObject().put(n.id(), info));
  }

  private record Result(int exit, String out, String err) {
    String message() {
      String text = (out + "\n" + err).lines()
          .filter(l -> !l.isBlank() && !l.contains("syslog"))
          .reduce((x, y) -> x + "; " + y).orElse("exit code " + exit);
      try {
        JsonObject j = new JsonObject(out.strip());
        return j.getString("error", text);
      } catch (RuntimeException e) {
        return text;
      }
    }
  }

  /**
   * Rewrites the container's line in aardvark-dns's file for the network ("id ipv4 ipv6
   * name,alias,..."), then has aardvark-dns read its files again (SIGHUP). Under the same
   * monitor as netavark runs, which writes these files too.
   */
  @Override
  public synchronized void renamed(Attachment a, String oldName, String newName) {
    Path dir = configDir.resolve("aardvark-dns");
    Path file = dir.resolve(a.network().id());
    try {
      if (!Files.exists(file)) {
        return;
      }
      String text = Files.readString(file);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      boolean changed = false;
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(" ", -1);
        if (f.length >= 4 && f[0].equals(a.containerId())) {
          List<String> names = new ArrayList<>(List.of(f[3].split(",")));
          changed |= names.contains(oldName);
          names.replaceAll(n -> n.equals(oldName) ? newName : n);
          f[3] = String.join(",", names);
          lines.set(i, String.join(" ", f));
        }
      }
      if (!changed) {
        return;
      }
      dev.berth.engine.util.AtomicFiles.writeString(file, String.join("\n", lines));
      String pid = Files.readString(dir.resolve("aardvark.pid")).strip();
      if (pid.matches("\\d+")) {
        new ProcessBuilder("kill", "-HUP", pid).redirectErrorStream(true).start().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      LOG.warning("DNS name of " + a.containerId() + " not renamed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One netavark at a time: a teardown that empties a bridge deletes the network's NAT chain,
   * which a concurrent setup on the same network is filling (netavark has no lock of its own).
   * stdout/stderr go to files: aardvark-dns, started by netavark, may inherit them.
   */
  private synchronized Result run(String verb, Path netns, JsonObject input) throws IOException {
    Path out = Files.createTempFile(configDir, "out", ".txt");
    Path err = Files.createTempFile(configDir, "err", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(
                  netavark.toString(), "--config", configDir.toString(), "--aardvark-binary", aardvark.toString(),
                  verb, netns.toString())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(input.encode().getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("netavark " + verb + " timed out");
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
