package dev.berth.engine.build;

import dev.berth.engine.errors.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Dockerfile split into the ARGs before the first FROM and the stages up to the target,
 * checked before the response starts, so that a parse error or a missing target is a 400.
 */
record BuildPlan(List<Instruction> metaArgs, List<List<Instruction>> stages, int steps) {

  static BuildPlan of(String dockerfile, BuildRequest r) {
    List<Instruction> all;
    try {
      all = new ArrayList<>(DockerfileParser.parse(dockerfile));
    } catch (BuildException e) {
      throw EngineException.invalidParameter(e.getMessage());
    }
    if (!r.labels().isEmpty()) {
      // dockerd adds the request's labels as one more LABEL step at the end
      StringBuilder label = new StringBuilder("LABEL");
      for (Map.Entry<String, String> e : r.labels().entrySet()) {
        label.append(' ').append(GoFormat.quote(e.getKey())).append('=').append(GoFormat.quote(e.getValue()));
      }
      all.addAll(DockerfileParser.parse(label.toString()));
    }
    List<Instruction> meta = new ArrayList<>();
    List<List<Instruction>> stages = new ArrayList<>();
    for (Instruction in : all) {
      if (in.keyword().equals("from")) {
        stages.add(new ArrayList<>(List.of(in)));
      } else if (stages.isEmpty()) {
        if (!in.keyword().equals("arg")) {
          throw EngineException.invalidParameter("Please provide a source image with `from` prior to " + in.keyword());
        }
        meta.add(in);
      } else {
        stages.get(stages.size() - 1).add(in);
      }
    }
    if (stages.isEmpty()) {
      throw EngineException.invalidParameter("the Dockerfile (" + r.dockerfile() + ") cannot be empty");
    }
    if (!r.target().isEmpty()) {
      int found = -1;
      for (int i = 0; i < stages.size() && found < 0; i++) {
        if (r.target().equalsIgnoreCase(stageName(stages.get(i).get(0)))) {
          found = i;
        }
      }
      if (found < 0) {
        throw EngineException.invalidParameter("failed to reach build target " + r.target() + " in Dockerfile");
      }
      stages = new ArrayList<>(stages.subList(0, found + 1));
    }
    int steps = meta.size() + stages.stream().mapToInt(List::size).sum();
    return new BuildPlan(meta, stages, steps);
  }

  /** The "AS name" of a FROM (lower case), or "". */
  static String stageName(Instruction from) {
    String[] w = from.rest().strip().split("\\s+");
    return w.length == 3 && w[1].equalsIgnoreCase("as") ? w[2].toLowerCase() : "";
  }
}
