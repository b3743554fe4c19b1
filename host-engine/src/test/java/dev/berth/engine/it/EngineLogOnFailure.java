package dev.berth.engine.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the end of Berth's engine log when an integration test fails, so that a failure seen
 * only on a CI machine (whose engine roots are deleted at the end of the run) can still be
 * explained from the build output. Registered for every integration test through the
 * ServiceLoader (failsafe enables JUnit's extension auto-detection).
 */
public final class EngineLogOnFailure implements TestWatcher {

  private static final int LINES = 120;

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Engines.startedBerth().ifPresent(engine -> System.err.println(
        "---- last " + LINES + " lines of Berth's engine log after the failure of "
            + context.getDisplayName() + " in " + context.getRequiredTestClass().getSimpleName() + " ----\n"
            + engine.tail(LINES) + "\n---- end of the engine log ----"));
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    // skipped by an assumption: nothing failed
  }
}
