package dev.berth.gateway.hosts;

import java.util.function.Function;

/**
 * Reads an engine answer on the thread that received it (see
 * {@link HostAccess#call(String, EngineRequest, AnswerReader)}). A reader that can start on a long
 * answer before all of it is there (the list of 500 containers, 300 KB, which an engine sends as
 * it encodes it) also implements {@link #arrived}.
 */
@FunctionalInterface
public interface AnswerReader<T> extends Function<EngineResponse, T> {

  /**
   * The first {@code length} bytes of a successful (2xx) answer's body are in {@code bytes}. Called
   * on the reading thread as the body arrives, before {@link #apply} gets the whole answer; a
   * later call may pass a longer copy of the same bytes. Only a hint: the default ignores it.
   */
  default void arrived(byte[] bytes, int length) {
  }
}
