package dev.berth.engine.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * COPY and ADD of local files: the sources come from the context or, with --from, from a
 * stage's or an image's files (staged into a private folder first, so they can be hashed and
 * the cache consulted before anything is written). ADD also unpacks local tar archives; URLs
 * are refused.
 */
final class CopyStep {

  final String createdBy;
  private final boolean add;
  private final List<CopySources.Source> sources;
  private final String dest;
  private final String chown;

  private CopyStep(boolean add, List<CopySources.Source> sources, String dest, String chown, String createdBy) {
    this.add = add;
    this.sources = sources;
    this.dest = dest;
    this.chown = chown;
    this.createdBy = createdBy;
  }

  /**
   * Reads the instruction and finds its sources in {@code sourceRoot}.
   *
   * @param workdir the stage's WORKDIR, for a relative destination
   * @param nop the stage's "/bin/sh -c #(nop) " for created_by
   */
  static CopyStep prepare(Instruction in, Expander x, Path sourceRoot, String workdir, String nop) throws IOException {
    boolean add = in.keyword().equals("add");
    String cmd = add ? "ADD" : "COPY";
    for (Map.Entry<String, String> f : in.flags().entrySet()) {
      switch (f.getKey()) {
        case "from", "chown" -> { }
        case "chmod" -> throw new BuildException("the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled");
        default -> throw new BuildException("Unknown flag: " + f.getKey());
      }
    }
    if (add && in.flags().containsKey("from")) {
      throw new BuildException("ADD does not support the --from flag");
    }
    List<String> args = new ArrayList<>();
    for (String a : in.isJson() ? in.json() : x.words(in.rest())) {
      args.add(in.isJson() ? x.word(a) : a);
    }
    if (args.size() < 2) {
      throw new BuildException(cmd + " requires at least two arguments, but only one was provided. Destination could not be determined.");
    }
    List<String> srcs = args.subList(0, args.size() - 1);
    for (String s : srcs) {
      if (s.matches("(?i)https?://.*")) {
        throw new BuildException("ADD with a remote URL is not supported by Berth's builder: " + s + " (download it in the context or with RUN)");
      }
    }
    String dest = args.get(args.size() - 1);
    List<CopySources.Source> sources = CopySources.find(sourceRoot, srcs, cmd);
    if (sources.size() > 1 && !dest.endsWith("/")) {
      throw new BuildException("When using " + cmd + " with more than one source file, the destination must be a directory and end with a /");
    }
    String chown = in.flags().containsKey("chown") ? x.word(in.flags().get("chown")) : null;
    String chownComment = chown == null ? "" : "--chown=" + chown;
    String createdBy = nop + cmd + " " + chownComment + CopySources.hash(sources) + " in " + dest + " ";
    String abs = dest.startsWith("/") ? dest : (workdir.isEmpty() ? "/" : workdir) + "/" + dest;
    return new CopyStep(add, sources, abs, chown, createdBy);
  }

  /** Copies the sources into the root filesystem {@code root}. */
  boolean apply(Path root) throws IOException {
    // without --chown, files keep their owners (the CLI sends the context as root's), as with dockerd
    FileCopy.Owner owner = chown == null ? null : ChownSpec.resolve(chown, root);
    boolean destIsDir = dest.endsWith("/") || sources.size() > 1;
    Path target = ConfinedPath.resolve(root, dest, true);
    for (CopySources.Source s : sources) {
      Path src = s.path();
      if (Files.isDirectory(src, FileCopy.NOFOLLOW)) {
        FileCopy.mkdirs(target, owner);
        try (var children = Files.list(src)) {
          for (Path c : children.sorted().toList()) {
            FileCopy.copy(c, target.resolve(c.getFileName().toString()), owner);
          }
        }
      } else if (add && Files.isRegularFile(src, FileCopy.NOFOLLOW) && unpack(src, root, target, owner)) {
        continue;
      } else if (destIsDir || Files.isDirectory(target, FileCopy.NOFOLLOW)) {
        FileCopy.mkdirs(target, owner);
        FileCopy.copy(src, target.resolve(s.name()), owner);
      } else {
        FileCopy.mkdirs(target.getParent(), owner);
        FileCopy.copy(src, target, owner);
      }
    }
    return true;
  }

  /** ADD's archive case: a local tar (maybe compressed) is unpacked into the destination folder. */
  private static boolean unpack(Path src, Path root, Path target, FileCopy.Owner owner) throws IOException {
    try (InputStream in = Files.newInputStream(src)) {
      InputStream tar = TarExtract.openArchive(in);
      if (tar == null) {
        return false;
      }
      FileCopy.mkdirs(target, owner);
      TarExtract.extract(tar, root, root.relativize(target).toString(), owner);
      return true;
    } catch (java.util.zip.ZipException notAnArchive) {
      return false;
    }
  }

  /** The same step with its sources copied into {@code dir}, for sources that live in a mount that goes away. */
  CopyStep stagedIn(Path dir) throws IOException {
    List<CopySources.Source> staged = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      CopySources.Source s = sources.get(i);
      Path slot = Files.createDirectories(dir.resolve(Integer.toString(i)));
      Path copy = s.name().isEmpty() ? slot : slot.resolve(s.name());
      FileCopy.copy(s.path(), copy, null);
      staged.add(new CopySources.Source(copy, s.name()));
    }
    return new CopyStep(add, staged, dest, chown, createdBy);
  }
}
