package dev.berth.gateway.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.EngineResponse;
import dev.berth.gateway.hosts.EngineSocket;
import dev.berth.gateway.hosts.EngineStream;
import dev.berth.gateway.hosts.HostAccess;
import dev.berth.gateway.hosts.HostUnreachableException;
import dev.berth.gateway.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How EngineCalls.read turns engine answers, reader failures and transport failures into results. */
class EngineCallsTest {

  /** Answers every call with one fixed answer (or failure); only call() is used by read(). */
  private record Fixed(Future<EngineResponse> answer) implements HostAccess {
    @Override
    public Future<EngineResponse> call(String hostId, EngineRequest request) {
      return answer;
    }

    @Override
    public Future<EngineStream> stream(String hostId, EngineRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<EngineStream> upload(String hostId, EngineRequest request, ReadStream<Buffer> body) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<EngineSocket> hijack(String hostId, EngineRequest request) {
      throw new UnsupportedOperationException();
    }
  }

  private static EngineCalls answering(int status, String body) {
    return new EngineCalls(new Fixed(Future.succeededFuture(new EngineResponse(status, Map.of(), Buffer.buffer(body)))));
  }

  private static ApiError failure(Future<?> f) {
    assertTrue(f.failed(), "expected a failure, got " + f.result());
    return (ApiError) f.cause();
  }

  @Test
  void aSuccessfulAnswerIsRead() {
    Future<Integer> f = answering(200, "[1,2,3]").read("h", EngineRequest.get("/x"), r -> r.jsonArray().size());
    assertEquals(3, f.result());
  }

  @Test
  void anErrorAnswerIsTheEnginesMessageAndIsNotRead() {
    AtomicInteger reads = new AtomicInteger();
    Future<Object> f = answering(404, "{\"message\":\"No such container: web\"}")
        .read("h", EngineRequest.get("/x"), r -> reads.incrementAndGet());
    ApiError e = failure(f);
    assertEquals(404, e.status());
    assertEquals("No such container: web", e.getMessage());
    assertEquals(0, reads.get(), "the reader never sees an error answer");
  }

  @Test
  void notModifiedIsASuccess() {
    assertEquals("read", answering(304, "").read("h", EngineRequest.post("/x"), r -> "read").result());
  }

  @Test
  void anAnswerTheReaderCannotReadIsTheEnginesFault() {
    Future<Object> f = answering(200, "not json").read("h", EngineRequest.get("/containers/json"), r -> {
      throw new IllegalStateException("expected '['");
    });
    ApiError e = failure(f);
    assertEquals(502, e.status());
    assertTrue(e.getMessage().contains("unreadable") && e.getMessage().contains("expected '['"), e.getMessage());
  }

  @Test
  void anUnreachableEngineIsA502() {
    EngineCalls calls = new EngineCalls(new Fixed(Future.failedFuture(
        new HostUnreachableException("h", "connection refused", null))));
    ApiError e = failure(calls.read("h", EngineRequest.get("/x"), r -> 1));
    assertEquals(502, e.status());
  }
}
