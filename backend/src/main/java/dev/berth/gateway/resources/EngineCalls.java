package dev.berth.gateway.resources;

import dev.berth.gateway.hosts.AnswerReader;
import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.EngineResponse;
import dev.berth.gateway.hosts.EngineStream;
import dev.berth.gateway.hosts.HostAccess;
import dev.berth.gateway.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.stream.Collector;

/**
 * HostAccess for the REST resources: answers other than 2xx (and 304, "already in that
 * state") become the gateway's errors with the engine's own message.
 */
public final class EngineCalls {

  private final HostAccess access;

  public EngineCalls(HostAccess access) {
    this.access = access;
  }

  public Future<EngineResponse> send(String hostId, EngineRequest request) {
    return read(hostId, request, r -> r);
  }

  public Future<JsonObject> object(String hostId, EngineRequest request) {
    return read(hostId, request, EngineResponse::json);
  }

  public Future<JsonArray> array(String hostId, EngineRequest request) {
    return read(hostId, request, EngineResponse::jsonArray);
  }

  /**
   * A successful answer read by reader, on the thread that received it; an answer it cannot read
   * is the engine's fault (502).
   */
  <T> Future<T> read(String hostId, EngineRequest request, AnswerReader<T> reader) {
    AnswerReader<T> onlyAccepted = new AnswerReader<>() {
      @Override
      public T apply(EngineResponse r) {
        return accepted(r) ? reader.apply(r) : null;
      }

      @Override
      public void arrived(byte[] bytes, int length) {
        reader.arrived(bytes, length);
      }
    };
    return access.call(hostId, request, onlyAccepted)
        .recover(e -> Future.failedFuture(unreachable(e)))
        .compose(a -> {
          EngineResponse r = a.response();
          if (!accepted(r)) {
            return Future.failedFuture(toApiError(r.status(), r.message()));
          }
          if (a.failure() != null) {
            return Future.failedFuture(ApiError.hostUnavailable("the engine of " + hostId + " answered "
                + request.method() + " " + request.path() + " with something unreadable: " + a.failure().getMessage()));
          }
          return Future.succeededFuture(a.value());
        });
  }

  /** 2xx, or 304: "already in that state". */
  private static boolean accepted(EngineResponse r) {
    return r.ok() || r.status() == 304;
  }

  Future<Void> run(String hostId, EngineRequest request) {
    return send(hostId, request).mapEmpty();
  }

  /** Opens a stream; an error status is read in full and failed like a normal call. */
  public Future<EngineStream> stream(String hostId, EngineRequest request) {
    return access.stream(hostId, request)
        .recover(e -> Future.failedFuture(unreachable(e)))
        .compose(s -> {
          if (s.status() < 400) {
            return Future.succeededFuture(s);
          }
          return s.body().collect(Collector.of(Buffer::buffer, Buffer::appendBuffer, Buffer::appendBuffer))
              .compose(body -> Future.failedFuture(
                  toApiError(s.status(), new EngineResponse(s.status(), s.headers(), body).message())));
        });
  }

  public static ApiError toApiError(int status, String engineMessage) {
    return switch (status) {
      case 400 -> ApiError.badRequest(engineMessage);
      case 401, 403 -> ApiError.forbidden("the engine refused: " + engineMessage);
      case 404 -> ApiError.notFound(engineMessage);
      case 409 -> ApiError.conflict(engineMessage);
      default -> status >= 500 ? ApiError.hostUnavailable("engine error: " + engineMessage)
          : new ApiError(status, "bad_request", engineMessage);
    };
  }

  private static Throwable unreachable(Throwable e) {
    return e instanceof ApiError ? e : ApiError.hostUnavailable(e.getMessage());
  }
}
