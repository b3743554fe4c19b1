package dev.berth.engine.errors;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The single failure handler: maps an error to its status and Docker's {"message": ...} body. */
public final class ErrorResponder {

  private static final Logger LOG = Logger.getLogger(ErrorResponder.class.getName());

  private ErrorResponder() {}

  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure == null) {
      int status = ctx.statusCode();
      if (status == 404 || status == 405) {
        write(ctx.response(), 404, "page not found");
      } else if (status == 413) {
        write(ctx.response(), 413, "request body too large");
      } else {
        write(ctx.response(), status < 400 ? 500 : status, "request failed");
      }
      return;
    }
    write(ctx.response(), failure);
  }

  /** Writes a failure on a response that has not started; ends a started one quietly. */
  public static void write(HttpServerResponse response, Throwable failure) {
    int status;
    String message;
    if (failure instanceof EngineException e) {
      status = e.kind().status;
      message = e.getMessage();
    } else if (failure instanceof io.vertx.core.json.DecodeException
        || failure instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      status = 400;
      message = "invalid JSON: " + firstLine(failure.getMessage());
    } else if (failure instanceof io.vertx.ext.web.handler.HttpException he) {
      status = he.getStatusCode();
      message = he.getPayload() != null ? he.getPayload() : "request failed";
    } else {
      status = 500;
      message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
      LOG.log(Level.WARNING, "internal error", failure);
    }
    write(response, status, message);
  }

  public static void write(HttpServerResponse response, int status, String message) {
    if (response.headWritten()) {
      if (!response.ended()) {
        response.reset();
      }
      return;
    }
    response.setStatusCode(status);
    if (status == 304) {
      response.end();
      return;
    }
    response.putHeader("Content-Type", "application/json");
    response.end(new JsonObject().put("message", message).encode() + "\n");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
