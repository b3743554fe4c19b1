package dev.berth.gateway.hosts;

import java.util.function.Function;

/**
 * An engine answer with what a reader made of it, or how the reader failed: see
 * {@link HostAccess#call(String, EngineRequest, AnswerReader)}.
 */
public record ReadAnswer<T>(EngineResponse response, T value, RuntimeException failure) {

  /** Applies reader to the answer; its exception is kept, not thrown, so the caller can tell it from transport failures. */
  public static <T> ReadAnswer<T> of(EngineResponse response, Function<EngineResponse, T> reader) {
    try {
      return new ReadAnswer<>(response, reader.apply(response), null);
    } catch (RuntimeException e) {
      return new ReadAnswer<>(response, null, e);
    }
  }
}
