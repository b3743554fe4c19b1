package dev.berth.engine.containers;

import dev.berth.engine.streams.StreamTarget;
import dev.berth.engine.streams.StreamsBackend;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The streams package's view of containers (attach, logs, resize). */
public final class ContainerStreamTargets implements StreamsBackend {

  private final ContainerService s;

  public ContainerStreamTargets(ContainerService service) {
    this.s = service;
  }

  @Override
  public StreamTarget container(String idOrName) {
    Container c = s.get(idOrName);
    return new StreamTarget() {
      @Override
      public String id() {
        return c.id();
      }

      @Override
      public String name() {
        return c.name();
      }

      @Override
      public Map<String, String> eventAttributes() {
        return s.eventAttributes(c);
      }

      @Override
      public boolean tty() {
        return c.tty();
      }

      @Override
      public boolean openStdin() {
        return c.openStdin();
      }

      @Override
      public boolean stdinOnce() {
        return c.stdinOnce();
      }

      @Override
      public Status status() {
        return Status.valueOf(c.status().toUpperCase(Locale.ROOT));
      }

      @Override
      public Path attachSocket() {
        return c.attachSocketPath();
      }

      @Override
      public Path ctlFifo() {
        return c.ctlFifoPath();
      }

      @Override
      public Path logPath() {
        return c.logPath();
      }

      @Override
      public Runnable whenAttachable(Runnable ready) {
        return s.whenAttachable(c, ready);
      }

      /** conmon writes the exit file after it drained the container's output. */
      @Override
      public boolean exited() {
        String st = c.status();
        return st.equals(Container.EXITED) || st.equals(Container.DEAD) || st.equals(Container.REMOVING)
            || s.find(c.id()) == null
            || c.isRunning() && s.runtime.exitCode(c.id()).isPresent();
      }
    };
  }
}
