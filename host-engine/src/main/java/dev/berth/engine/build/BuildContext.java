package dev.berth.engine.build;

import dev.berth.engine.errors.EngineException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The build context, unpacked into a private folder from the request body (a tar, plain or
 * compressed, or a lone Dockerfile as `docker build -` sends it). The Dockerfile is read first; then the files that .dockerignore names are
 * removed, so that COPY cannot see them (the CLI leaves them out already; raw API clients may not).
 */
final class BuildContext implements AutoCloseable {

  private static final int MAX_DOCKERFILE = 1 << 20;

  final Path dir;
  final String dockerfile;

  private BuildContext(Path dir, String dockerfile) {
    this.dir = dir;
    this.dockerfile = dockerfile;
  }

  static BuildContext receive(InputStream body, Path tmpRoot, String dockerfileName) throws IOException {
    Files.createDirectories(tmpRoot);
    Path dir = Files.createTempDirectory(tmpRoot, "ctx-");
    try {
      BufferedInputStream in = new BufferedInputStream(body, 1 << 16);
      in.mark(1 << 20);
      InputStream tar = TarExtract.openArchive(in);
      String name = dockerfileName == null || dockerfileName.isEmpty() ? "Dockerfile" : dockerfileName;
      if (tar == null) {
        // `docker build - < Dockerfile`: the body is the Dockerfile and there is no context
        in.reset();
        byte[] text = in.readNBytes(MAX_DOCKERFILE + 1);
        if (text.length > MAX_DOCKERFILE) {
          throw EngineException.invalidParameter("the build context must be a tar archive, or a Dockerfile of at most 1 MiB");
        }
        name = "Dockerfile";
        Files.write(dir.resolve(name), text);
      } else {
        TarExtract.extract(tar, dir, "", null);
      }
      String rel = ConfinedPath.clean(name);
      Path file = rel == null || rel.isEmpty() ? null : ConfinedPath.resolve(dir, rel, true);
      if ((file == null || !Files.isRegularFile(file)) && name.equals("Dockerfile")) {
        file = dir.resolve("dockerfile");
      }
      if (file == null || !Files.isRegularFile(file)) {
        throw EngineException.invalidParameter("Cannot locate specified Dockerfile: " + name);
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      applyIgnore(dir);
      return new BuildContext(dir, text);
    } catch (IOException | RuntimeException e) {
      FileCopy.deleteTree(dir);
      if (e instanceof IOException || e instanceof BuildException) {
        throw EngineException.invalidParameter("cannot read the build context: " + e.getMessage());
      }
      throw e;
    }
  }

  private static void applyIgnore(Path dir) throws IOException {
    Path file = dir.resolve(".dockerignore");
    if (!Files.isRegularFile(file, FileCopy.NOFOLLOW)) {
      return;
    }
    DockerIgnore ignore = new DockerIgnore(Files.readString(file, StandardCharsets.UTF_8));
    if (ignore.isEmpty()) {
      return;
    }
    List<Path> ignored = new ArrayList<>();
    try (var s = Files.walk(dir)) {
      s.filter(p -> !p.equals(dir)).forEach(p -> {
        if (ignore.ignores(dir.relativize(p).toString())) {
          ignored.add(p);
        }
      });
    }
    // deepest first: a folder goes only when nothing in it was re-included
    ignored.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path p : ignored) {
      if (Files.isDirectory(p, FileCopy.NOFOLLOW)) {
        try (var s = Files.list(p)) {
          if (s.findAny().isPresent()) {
            continue;
          }
        }
      }
      Files.deleteIfExists(p);
    }
  }

  @Override
  public void close() {
    FileCopy.deleteTree(dir);
  }
}
