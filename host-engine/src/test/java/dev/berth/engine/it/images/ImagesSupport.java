package dev.berth.engine.it.images;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** Small helpers shared by the image integration tests. */
final class ImagesSupport {

  private ImagesSupport() {}

  /** A name no other test uses, so tests share engines without seeing each other's images. */
  static String unique(String prefix) {
    return "it-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Imports the busybox rootfs under {@code name} (may be null for an untagged image); returns the id. */
  static String importBusybox(TestEngine engine, String name, String... changes) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("import"));
    for (String c : changes) {
      args.add("--change");
      args.add(c);
    }
    args.add(TestImages.busyboxTar().toString());
    if (name != null) {
      args.add(name);
    }
    Cli.Result r = engine.docker(args.toArray(String[]::new));
    if (!r.ok()) {
      throw new AssertionError("import failed: " + r);
    }
    return r.outTrim();
  }

  static String inspect(TestEngine engine, String name, String format) {
    Cli.Result r = engine.docker("image", "inspect", "--format", format, name);
    if (!r.ok()) {
      throw new AssertionError("inspect failed: " + r);
    }
    return r.outTrim();
  }

  /** Every image id of the engine, sorted (images created in one second list in any order). */
  static String allIds(TestEngine engine) {
    Cli.Result r = engine.docker("images", "-aq", "--no-trunc");
    if (!r.ok()) {
      throw new AssertionError(r.toString());
    }
    return java.util.Arrays.stream(r.outTrim().split("\n")).sorted().collect(java.util.stream.Collectors.joining("\n"));
  }

  static Path tempFile(String suffix) {
    try {
      Path p = Files.createTempFile("it-img", suffix);
      p.toFile().deleteOnExit();
      return p;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A tar of one regular file. */
  static byte[] singleFileTar(String name, byte[] content) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
      var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name);
      entry.setSize(content.length);
      entry.setMode(0644);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static Path gzip(Path file) {
    Path out = tempFile(".tar.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
      Files.copy(file, o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  static Path junk() {
    Path p = tempFile(".tar");
    byte[] bytes = new byte[4096];
    new java.util.Random(7).nextBytes(bytes);
    try {
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return p;
  }

  /** A raw API call with curl: returns "<status> <body>". */
  static String api(TestEngine engine, String method, String path, Path body) {
    Path answer = tempFile(".json");
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
        "curl", "-s", "-o", answer.toString(), "-w", "%{http_code}", "--unix-socket", engine.socket().toString(),
        "-X", method, "-H", "Content-Type: application/x-tar"));
    if (body != null) {
      cmd.add("--data-binary");
      cmd.add("@" + body);
    }
    cmd.add("http://x/v1.41" + path);
    Cli.Result r = Cli.run(cmd, null, java.util.Map.of(), Cli.DEFAULT_TIMEOUT);
    try {
      return r.outTrim() + " " + Files.readString(answer).strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
