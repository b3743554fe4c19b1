package dev.berth.engine.containers;

import dev.berth.engine.exec.ExecBackend;
import dev.berth.engine.exec.ExecContainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The exec package's view of containers. */
public final class ContainerExecTargets implements ExecBackend {

  private final ContainerService s;

  public ContainerExecTargets(ContainerService service) {
    this.s = service;
  }

  @Override
  public ExecContainer container(String idOrName) {
    Container c = s.get(idOrName);
    return new ExecContainer() {
      @Override
      public String id() {
        return c.id();
      }

      @Override
      public Map<String, String> eventAttributes() {
        return s.eventAttributes(c);
      }

      @Override
      public boolean running() {
        return c.isRunning();
      }

      @Override
      public boolean paused() {
        return c.status().equals(Container.PAUSED);
      }

      @Override
      public Path runtimeConfig() {
        return c.bundleDir().resolve("config.json");
      }

      @Override
      public ProcessUser resolveUser(String user) {
        UserResolver.User u = UserResolver.resolve(user, c.rootfsDir());
        return new ProcessUser(u.uid(), u.gid(), u.additionalGids(), u.home());
      }

      @Override
      public String runtimePath() {
        return s.runtime.runtimePath();
      }

      @Override
      public List<String> runtimeArgs() {
        return s.runtime.runtimeArgs();
      }
    };
  }
}
