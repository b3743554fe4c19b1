package dev.berth.engine.build;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.images.Reference;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The classic builder: runs a plan's stages step by step, each step an image (reused from the
 * cache when the same step was built on the same parent before), and tags the result.
 */
final class Builder {

  private static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final BuildBackend backend;
  private final BuildCache cache;
  private final Workspace workspace;
  private final Path tmpRoot;

  Builder(BuildBackend backend, BuildCache cache, Path tmpRoot) {
    this.backend = backend;
    this.cache = cache;
    this.workspace = new Workspace(backend, tmpRoot);
    this.tmpRoot = tmpRoot;
  }

  /** Builds; returns the image id. A failure is a BuildException (or IOException) with nothing left behind. */
  String build(BuildRequest r, BuildPlan plan, Path context, Progress p, BooleanSupplier cancelled) throws IOException {
    Map<String, String> metaArgs = new HashMap<>();
    Set<String> declared = new TreeSet<>();
    int step = 0;
    for (Instruction in : plan.metaArgs()) {
      p.stream("Step " + (++step) + "/" + plan.steps() + " : " + in.original() + "\n");
      Expander x = new Expander(metaArgs, in.escape());
      for (String[] a : argDecls(in, x)) {
        declared.add(a[0]);
        metaArgs.put(a[0], r.buildArgs().containsKey(a[0]) && r.buildArgs().get(a[0]) != null ? r.buildArgs().get(a[0]) : a[1]);
      }
    }
    List<Stage> stages = new ArrayList<>();
    for (List<Instruction> instructions : plan.stages()) {
      Instruction from = instructions.get(0);
      p.stream("Step " + (++step) + "/" + plan.steps() + " : " + from.original() + "\n");
      Stage st = from(from, metaArgs, stages);
      stages.add(st);
      if (st.imageId != null) {
        p.stream(" ---> " + shortId(st.imageId) + "\n");
      }
      for (Instruction in : instructions.subList(1, instructions.size())) {
        if (cancelled.getAsBoolean()) {
          throw new BuildException("the build was cancelled");
        }
        p.stream("Step " + (++step) + "/" + plan.steps() + " : " + in.original() + "\n");
        step(r, st, in, context, stages, metaArgs, declared, p, cancelled);
      }
    }
    Stage last = stages.get(stages.size() - 1);
    if (last.imageId == null) {
      throw new BuildException("No image was generated. Is your Dockerfile empty?");
    }
    p.aux(last.imageId);
    List<String> unused = r.buildArgs().keySet().stream().filter(k -> !declared.contains(k)).sorted().toList();
    if (!unused.isEmpty()) {
      p.stream("[Warning] One or more build-args " + GoFormat.plainList(unused) + " were not consumed\n");
    }
    p.stream("Successfully built " + shortId(last.imageId) + "\n");
    for (Reference ref : r.tags()) {
      backend.tag(last.imageId, ref.toString());
      p.stream("Successfully tagged " + ref.familiar() + "\n");
    }
    return last.imageId;
  }

  private Stage from(Instruction in, Map<String, String> metaArgs, List<Stage> stages) {
    List<String> words = new Expander(metaArgs, in.escape()).words(in.rest());
    if (words.size() != 1 && !(words.size() == 3 && words.get(1).equalsIgnoreCase("as"))) {
      throw new BuildException("FROM requires either one or three arguments");
    }
    String name = words.size() == 3 ? words.get(2).toLowerCase() : "";
    String ref = words.get(0);
    for (Stage s : stages) {
      if (!s.name.isEmpty() && s.name.equals(ref.toLowerCase())) {
        Stage st = new Stage(name, s.imageId, s.runtime.copy());
        return st;
      }
    }
    if (ref.equalsIgnoreCase("scratch")) {
      JsonObject runtime = new JsonObject().put("Hostname", "").put("Domainname", "").put("User", "")
          .put("AttachStdin", false).put("AttachStdout", false).put("AttachStderr", false)
          .put("Tty", false).put("OpenStdin", false).put("StdinOnce", false)
          .put("Env", new JsonArray().add(DEFAULT_PATH)).putNull("Cmd").put("Image", "").putNull("Volumes")
          .put("WorkingDir", "").putNull("Entrypoint").putNull("OnBuild").putNull("Labels");
      return new Stage(name, null, runtime);
    }
    try {
      BuildBackend.Image image = backend.image(ref);
      return new Stage(name, image.id(), image.runtime());
    } catch (EngineException e) {
      throw new BuildException("unable to find image \"" + ref + "\": " + e.getMessage()
          + " (Berth's builder does not pull: pull or load the image first)");
    }
  }

  private void step(BuildRequest r, Stage st, Instruction in, Path context, List<Stage> stages,
      Map<String, String> metaArgs, Set<String> declared, Progress p, BooleanSupplier cancelled) throws IOException {
    Expander x = new Expander(st.vars(), in.escape());
    String parent = st.imageId;
    String createdBy;
    Workspace.Work work = null;
    RunStep run = null;
    Path staging = null;
    try {
      switch (in.keyword()) {
        case "run" -> {
          run = new RunStep(st, in);
          createdBy = run.createdBy;
        }
        case "copy", "add" -> {
          CopyStep copy;
          String from = in.flags().get("from");
          if (from == null) {
            copy = CopyStep.prepare(in, x, context, st.runtime.getString("WorkingDir", ""), st.nop());
          } else {
            staging = Files.createTempDirectory(Files.createDirectories(tmpRoot), "from-");
            copy = copyFrom(in, x, x.word(from), stages, st, staging);
          }
          createdBy = copy.createdBy;
          work = copy::apply;
        }
        case "workdir" -> {
          String dir = x.word(in.rest());
          String base = st.runtime.getString("WorkingDir", "");
          String abs = "/" + ConfinedPath.clean(dir.startsWith("/") ? dir : (base.isEmpty() ? "/" : base) + "/" + dir);
          st.runtime.put("WorkingDir", abs);
          createdBy = st.nop() + "WORKDIR " + abs;
          work = root -> {
            Path target = ConfinedPath.resolve(root, abs, true);
            if (Files.isDirectory(target)) {
              return false;
            }
            FileCopy.mkdirs(target, new FileCopy.Owner(0, 0));
            return true;
          };
        }
        case "arg" -> {
          List<String> parts = new ArrayList<>();
          for (String[] a : argDecls(in, x)) {
            declared.add(a[0]);
            String given = r.buildArgs().get(a[0]);
            String value = given != null ? given : a[1] != null ? a[1] : metaArgs.get(a[0]);
            st.args.put(a[0], value);
            parts.add(a[1] == null ? a[0] : a[0] + "=" + a[1]);
          }
          createdBy = st.nop() + " ARG " + String.join(" ", parts);
        }
        case "maintainer", "onbuild" -> throw new BuildException(in.keyword().toUpperCase() + " is not supported by Berth's builder");
        default -> createdBy = MetadataSteps.apply(st, in, x);
      }
      String key = BuildCache.key(parent, createdBy, st.runtime.encode());
      String cached = r.noCache() ? null : cache.get(key);
      if (cached != null) {
        p.stream(" ---> Using cache\n");
        st.imageId = cached;
      } else {
        if (run != null) {
          st.imageId = run.run(backend, st, r.networkMode(), p, cancelled, new RunStep.Removal(r.rm(), r.forceRm()));
        } else if (work != null) {
          st.imageId = workspace.commit(parent, st.runtime, createdBy, work);
        } else {
          st.imageId = backend.commit(parent, null, st.runtime, createdBy);
        }
        cache.put(key, st.imageId);
      }
      p.stream(" ---> " + shortId(st.imageId) + "\n");
    } finally {
      FileCopy.deleteTree(staging);
    }
  }

  /** COPY --from: a stage (by name or index) or an image; its sources are staged out of its files. */
  private CopyStep copyFrom(Instruction in, Expander x, String from, List<Stage> stages, Stage st, Path staging) throws IOException {
    String imageId = null;
    boolean found = false;
    for (int i = 0; i < stages.size() - 1 && !found; i++) {
      Stage s = stages.get(i);
      if (from.toLowerCase().equals(s.name) || from.equals(Integer.toString(i))) {
        imageId = s.imageId;
        found = true;
      }
    }
    if (!found) {
      try {
        imageId = backend.image(from).id();
      } catch (EngineException e) {
        throw new BuildException("invalid from flag value " + from + ": " + e.getMessage());
      }
    }
    String workdir = st.runtime.getString("WorkingDir", "");
    if (imageId == null) {
      return CopyStep.prepare(in, x, staging, workdir, st.nop());
    }
    return workspace.read(imageId, root -> CopyStep.prepare(in, x, root, workdir, st.nop()).stagedIn(staging));
  }

  /** ARG's "NAME[=default]" declarations: {name, default or null}. */
  private static List<String[]> argDecls(Instruction in, Expander x) {
    List<String[]> out = new ArrayList<>();
    for (String w : x.words(in.rest())) {
      int eq = w.indexOf('=');
      String name = eq < 0 ? w : w.substring(0, eq);
      if (name.isEmpty() || !name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
        throw new BuildException("ARG names can not be blank or contain invalid characters: " + w);
      }
      out.add(new String[] {name, eq < 0 ? null : w.substring(eq + 1)});
    }
    return out;
  }

  static String shortId(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return hex.substring(0, Math.min(12, hex.length()));
  }
}
