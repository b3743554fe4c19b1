package dev.berth.engine.runtime.conmon;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches conmon's exit directory with inotify: conmon writes {@code <exit-dir>/<id>} (by
 * rename, so the content is complete) when a container exits. No polling.
 */
final class ExitWatcher {

  private static final Logger LOG = Logger.getLogger(ExitWatcher.class.getName());

  private ExitWatcher() {}

  static void start(Path exitDir, Consumer<String> onExit) {
    WatchService watch;
    try {
      watch = exitDir.getFileSystem().newWatchService();
      exitDir.register(
          watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException e) {
      throw new IllegalStateException("cannot watch " + exitDir + ": " + e.getMessage(), e);
    }
    Thread t =
        new Thread(
            () -> {
              while (true) {
                WatchKey key;
                try {
                  key = watch.take();
                } catch (InterruptedException | ClosedWatchServiceException e) {
                  return;
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                  if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    rescan(exitDir, onExit);
                  } else if (event.context() instanceof Path name
                      && !name.toString().startsWith(".")) {
                    deliver(onExit, name.toString());
                  }
                }
                key.reset();
              }
            },
            "conmon-exits");
    t.setDaemon(true);
    t.start();
  }

  private static void rescan(Path exitDir, Consumer<String> onExit) {
    try (var files = Files.list(exitDir)) {
      files.forEach(f -> deliver(onExit, f.getFileName().toString()));
    } catch (IOException e) {
      LOG.warning("rescan of " + exitDir + ": " + e.getMessage());
    }
  }

  private static void deliver(Consumer<String> onExit, String id) {
    try {
      onExit.accept(id);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "exit of " + id, e);
    }
  }
}
