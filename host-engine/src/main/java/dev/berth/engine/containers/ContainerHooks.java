package dev.berth.engine.containers;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The registered {@link ContainerHook}s and how the verbs call them. */
final class ContainerHooks {

  private static final Logger LOG = Logger.getLogger(ContainerHooks.class.getName());

  private final List<ContainerHook> hooks = new CopyOnWriteArrayList<>();

  void add(ContainerHook hook) {
    hooks.add(hook);
  }

  void validate(JsonObject config, JsonObject hostConfig, JsonObject networkingConfig) {
    for (ContainerHook h : hooks) {
      h.validate(config, hostConfig, networkingConfig);
    }
  }

  /** On a failure, the hooks that succeeded undo their part before the failure is rethrown. */
  void created(Container c, JsonObject networkingConfig) throws IOException {
    for (int i = 0; i < hooks.size(); i++) {
      try {
        hooks.get(i).created(c, networkingConfig);
      } catch (IOException | RuntimeException e) {
        for (int j = i; j >= 0; j--) {
          removedOne(hooks.get(j), c);
        }
        throw e;
      }
    }
  }

  void prepare(Container c) throws IOException {
    for (ContainerHook h : hooks) {
      h.prepare(c);
    }
  }

  void customizeSpec(Container c, JsonObject spec) throws IOException {
    for (ContainerHook h : hooks) {
      h.customizeSpec(c, spec);
    }
  }

  void renamed(Container c, String oldName) {
    for (ContainerHook h : hooks) {
      try {
        h.renamed(c, oldName);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "rename hook of " + c.id(), e);
      }
    }
  }

  void started(Container c) {
    for (ContainerHook h : hooks) {
      try {
        h.started(c);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "start hook of " + c.id(), e);
      }
    }
  }

  void released(Container c) {
    for (int i = hooks.size() - 1; i >= 0; i--) {
      try {
        hooks.get(i).released(c);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "release hook of " + c.id(), e);
      }
    }
  }

  void removed(Container c) {
    for (int i = hooks.size() - 1; i >= 0; i--) {
      removedOne(hooks.get(i), c);
    }
  }

  void describe(Container c, JsonObject inspect) {
    for (ContainerHook h : hooks) {
      h.describe(c, inspect);
    }
  }

  void summarize(Container c, JsonObject summary) {
    for (ContainerHook h : hooks) {
      h.summarize(c, summary);
    }
  }

  /** The hooks' {@link ContainerHook#summaryStamp}s, in hook order. */
  Object[] summaryStamps(Container c) {
    Object[] out = hooks.toArray(); // a snapshot: the stamps line up with these hooks
    for (int i = 0; i < out.length; i++) {
      out[i] = ((ContainerHook) out[i]).summaryStamp(c);
    }
    return out;
  }

  String statusSuffix(Container c) {
    String out = "";
    for (ContainerHook h : hooks) {
      out = out.concat(h.statusSuffix(c));
    }
    return out;
  }

  private static void removedOne(ContainerHook h, Container c) {
    try {
      h.removed(c);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "remove hook of " + c.id(), e);
    }
  }
}
