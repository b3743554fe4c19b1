package dev.berth.gateway.live;

import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.EngineResponse;
import dev.berth.gateway.hosts.EngineSocket;
import dev.berth.gateway.hosts.HostAccess;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.resources.EngineCalls;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collector;

/**
 * Opens the engine side of a terminal (an exec with a TTY) or of an attach to the main
 * process, before the WebSocket handshake, so engine refusals still answer with an HTTP status.
 */
final class TerminalService {
  /** Uses bash when the container has it: one exec, no probing round trip. */
  static final List<String> DEFAULT_SHELL =
      List.of("/bin/sh", "-c", "if [ -x /bin/bash ]; then exec /bin/bash; fi; exec /bin/sh");

  /** An open engine side: its raw connection and how to resize it and learn the exit code. */
  record Opened(EngineSocket socket, boolean multiplexed, String resizePath, String exitPath, boolean exec) {}

  private final Vertx vertx;
  private final HostAccess access;
  private final EngineCalls engine;

  TerminalService(Vertx vertx, HostAccess access) {
    this.vertx = vertx;
    this.access = access;
    this.engine = new EngineCalls(access);
  }

  Future<Opened> exec(String hostId, String containerId, List<String> cmd, String user, String workdir) {
    JsonObject create = new JsonObject()
        .put("AttachStdin", true).put("AttachStdout", true).put("AttachStderr", true).put("Tty", true)
        .put("Cmd", new JsonArray(cmd)).put("Env", new JsonArray().add("TERM=xterm-256color"));
    if (user != null) {
      create.put("User", user);
    }
    if (workdir != null) {
      create.put("WorkingDir", workdir);
    }
    return engine.object(hostId, EngineRequest.post("/containers/" + containerId + "/exec", create))
        .compose(created -> {
          String execId = created.getString("Id");
          EngineRequest start = EngineRequest.post("/exec/" + execId + "/start",
              new JsonObject().put("Detach", false).put("Tty", true));
          return hijack(hostId, start).map(socket -> new Opened(socket, false,
              "/exec/" + execId + "/resize", "/exec/" + execId + "/json", true));
        });
  }

  Future<Opened> attach(String hostId, String containerId) {
    return engine.object(hostId, EngineRequest.get("/containers/" + containerId + "/json")).compose(inspect -> {
      JsonObject config = inspect.getJsonObject("Config", new JsonObject());
      if (!inspect.getJsonObject("State", new JsonObject()).getBoolean("Running", false)) {
        return Future.failedFuture(ApiError.conflict("container " + containerId + " is not running"));
      }
      boolean tty = config.getBoolean("Tty", false);
      EngineRequest attach = EngineRequest.post("/containers/" + containerId + "/attach")
          .param("stream", 1).param("stdout", 1).param("stderr", 1)
          .param("stdin", config.getBoolean("OpenStdin", false) ? 1 : 0);
      return hijack(hostId, attach).map(socket -> new Opened(socket, !tty,
          "/containers/" + containerId + "/resize", "/containers/" + containerId + "/wait", false));
    });
  }

  private Future<EngineSocket> hijack(String hostId, EngineRequest request) {
    return access.hijack(hostId, request)
        .recover(e -> Future.failedFuture(e instanceof ApiError ? e : ApiError.hostUnavailable(e.getMessage())))
        .compose(socket -> {
          if (socket.status() == 101 || (socket.status() >= 200 && socket.status() < 300)) {
            return Future.succeededFuture(socket);
          }
          return socket.body().collect(Collector.of(Buffer::buffer, Buffer::appendBuffer, Buffer::appendBuffer))
              .compose(body -> Future.failedFuture(EngineCalls.toApiError(socket.status(),
                  new EngineResponse(socket.status(), socket.headers(), body).message())));
        });
  }

  Future<Void> resize(String hostId, Opened opened, int cols, int rows) {
    return engine.send(hostId, EngineRequest.post(opened.resizePath()).param("h", rows).param("w", cols)).mapEmpty();
  }

  /**
   * The exit status once the output ended. An exec's inspect may still say Running for a
   * moment after its stream closes, so it is asked again briefly; an attach waits for the stop.
   */
  Future<Integer> exitCode(String hostId, Opened opened) {
    if (!opened.exec()) {
      return engine.object(hostId, EngineRequest.post(opened.exitPath()).param("condition", "not-running"))
          .map(wait -> wait.getInteger("StatusCode"));
    }
    Promise<Integer> result = Promise.promise();
    pollExit(hostId, opened.exitPath(), 20, result);
    return result.future();
  }

  private void pollExit(String hostId, String path, int attemptsLeft, Promise<Integer> result) {
    engine.object(hostId, EngineRequest.get(path)).onFailure(result::fail).onSuccess(inspect -> {
      Integer code = inspect.getInteger("ExitCode");
      if ((!inspect.getBoolean("Running", false) && code != null) || attemptsLeft <= 0) {
        result.complete(code);
      } else {
        vertx.setTimer(100, t -> pollExit(hostId, path, attemptsLeft - 1, result));
      }
    });
  }
}
