package dev.berth.gateway.proxy;

import dev.berth.gateway.access.HostAuthorizer;
import dev.berth.gateway.access.Role;
import dev.berth.gateway.audit.AuditEntry;
import dev.berth.gateway.audit.AuditLog;
import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.auth.Authenticator;
import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.EngineResponse;
import dev.berth.gateway.hosts.EngineStream;
import dev.berth.gateway.hosts.HostAccess;
import dev.berth.gateway.hosts.HostRecord;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.HttpEndpoint;
import dev.berth.gateway.http.RequestObserver;
import dev.berth.gateway.policy.PolicyViolation;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Docker Engine API of a host at /api/hosts/{id}/docker/..., for the docker CLI and any
 * Docker client (DOCKER_HOST=tcp://gateway:port/api/hosts/local/docker, the API key in the CLI's
 * config.json HttpHeaders). Each request is authenticated (X-API-Key or Bearer JWT), judged by
 * {@link DockerRoutes} against the caller's role on the host (no role: 404, as everywhere), run
 * through the security policy when it creates containers, volumes or execs, forwarded with its
 * /v1.NN prefix, and audited when it is not a read.
 *
 * The route sits before the shared chain (order -1): build contexts and image archives must
 * stream to the engine, not be held by the BodyHandler under the API's body limit.
 */
public final class DockerProxyEndpoint implements HttpEndpoint {

  private static final Logger LOG = Logger.getLogger(DockerProxyEndpoint.class.getName());
  private static final int MAX_JSON_BODY = 1 << 20;
  private static final String ACTION_PREFIX = "/api/hosts/{id}/docker";

  private final HostAccess access;
  private final HostAuthorizer authz;
  private final RoleCache roles;
  private final Authenticator authenticator;
  private final AuditLog auditLog;

  /** One proxied request, once its caller and route are known. */
  private record Call(RoutingContext ctx, AuthUser user, HostRecord host, DockerRoutes.Route route, DockerPath path) {
    HttpServerRequest request() {
      return ctx.request();
    }
  }

  public DockerProxyEndpoint(HostAccess access, HostAuthorizer authz, Authenticator authenticator, AuditLog auditLog) {
    this.access = access;
    this.authz = authz;
    this.roles = new RoleCache(authz);
    this.authenticator = authenticator;
    this.auditLog = auditLog;
  }

  @Override
  public void addRoutes(Router api) {
    api.route("/hosts/:id/docker/*")
        .method(HttpMethod.GET).method(HttpMethod.HEAD).method(HttpMethod.POST).method(HttpMethod.PUT)
        .method(HttpMethod.DELETE)
        .order(-1)
        .handler(this::proxy);
  }

  private void proxy(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    String hostId = ctx.pathParam("id");
    DockerPath path = DockerPath.parse(request.uri());
    if (path == null) {
      EngineRelay.error(request, 400, "not a Docker API path: " + request.path());
      return;
    }
    authenticator.authenticate(request).onComplete(auth -> {
      if (auth.failed() || auth.result() == null) {
        EngineRelay.error(request, 401, auth.failed() && auth.cause() instanceof ApiError e ? e.getMessage()
            : "authentication required: put your Berth API key in the CLI's config.json "
            + "(\"HttpHeaders\": {\"X-API-Key\": \"...\"}) or send Authorization: Bearer <token>");
        return;
      }
      AuthUser user = auth.result().user();
      Optional<HostRecord> host = authz.host(hostId);
      if (host.isEmpty()) {
        EngineRelay.error(request, 404, "no such host: " + hostId);
        return;
      }
      roles.roleOf(user, hostId).onComplete(role -> {
        if (role.failed()) {
          LOG.log(Level.WARNING, "role lookup failed", role.cause());
          EngineRelay.error(request, 500, "internal error");
        } else if (role.result().isEmpty()) {
          EngineRelay.error(request, 404, "no such host: " + hostId);
        } else {
          DockerRoutes.Route route = DockerRoutes.classify(request.method().name(), path.route());
          ctx.put(RequestObserver.METRICS_TEMPLATE, "/api/hosts/{id}/docker" + route.template());
          authorize(new Call(ctx, user, host.get(), route, path), role.result().get());
        }
      });
    });
  }

  private void authorize(Call call, Role role) {
    DockerRoutes.Route route = call.route();
    if (!role.atLeast(route.role())) {
      refuse(call, 403, "forbidden: " + call.request().method() + " " + route.template() + " needs the "
          + route.role().key() + " role on host " + call.host().id() + " (yours: " + role.key() + ")", null);
    } else if (route.kind() == DockerRoutes.Kind.WEBSOCKET) {
      if (!EngineRelay.isWebSocketUpgrade(call.request())) {
        refuse(call, 400, route.template() + " is a WebSocket endpoint: send a WebSocket upgrade request", null);
        return;
      }
      call.request().resume();
      // the client's Sec-WebSocket-* headers go to the engine, which does the handshake itself
      EngineRequest request = engineRequest(call, null).header("Upgrade", "websocket");
      access.hijack(call.host().id(), request).onComplete(ar -> hijacked(call, ar));
    } else if (route.kind() == DockerRoutes.Kind.COMPLETE) {
      call.request().resume();
      access.call(call.host().id(), engineRequest(call, null)).onComplete(ar -> answered(call, ar));
    } else if (route.kind() != DockerRoutes.Kind.PLAIN) {
      readBody(call.request()).onComplete(body -> inspected(call, body));
    } else if (EngineRelay.isUpgrade(call.request())) {
      readBody(call.request()).onComplete(body -> {
        if (body.failed()) {
          refuse(call, 413, body.cause().getMessage(), null);
        } else {
          access.hijack(call.host().id(), engineRequest(call, body.result())).onComplete(ar -> hijacked(call, ar));
        }
      });
    } else if (hasBody(call.request())) {
      access.upload(call.host().id(), engineRequest(call, null), call.request())
          .onComplete(ar -> relayed(call, ar));
    } else {
      call.request().resume();
      access.stream(call.host().id(), engineRequest(call, null)).onComplete(ar -> relayed(call, ar));
    }
  }

  /** Container, volume and exec creation: the policy reads the body before the engine does. */
  private void inspected(Call call, AsyncResult<Buffer> body) {
    if (body.failed()) {
      refuse(call, 413, body.cause().getMessage(), null);
      return;
    }
    if (!call.user().isAdmin()) {
      Optional<PolicyViolation> violation;
      try {
        violation = ProxyPolicy.check(call.route().kind(), body.result(), call.host());
      } catch (IllegalArgumentException e) {
        refuse(call, 400, e.getMessage(), null);
        return;
      }
      if (violation.isPresent()) {
        refuse(call, 403, "forbidden by the security policy of host " + call.host().id() + ": "
            + violation.get().message(), "policy " + violation.get().rule().key());
        return;
      }
    }
    access.stream(call.host().id(), engineRequest(call, body.result())).onComplete(ar -> relayed(call, ar));
  }

  private void relayed(Call call, AsyncResult<? extends EngineStream> answer) {
    if (answer.failed()) {
      refuse(call, 502, answer.cause().getMessage(), null);
      return;
    }
    audit(call, answer.result().status(), null);
    EngineRelay.relay(call.request(), answer.result());
  }

  private void answered(Call call, AsyncResult<EngineResponse> answer) {
    if (answer.failed()) {
      refuse(call, 502, answer.cause().getMessage(), null);
      return;
    }
    EngineRelay.reply(call.request(), answer.result());
  }

  private void hijacked(Call call, AsyncResult<dev.berth.gateway.hosts.EngineSocket> answer) {
    if (answer.failed()) {
      refuse(call, 502, answer.cause().getMessage(), null);
      return;
    }
    int status = answer.result().status();
    if (status != 101 && status != 200) {
      relayed(call, answer);
      return;
    }
    audit(call, 101, null);
    EngineRelay.splice(call.request(), answer.result())
        .onFailure(e -> LOG.log(Level.FINE, "hijack upgrade failed: " + e.getMessage()));
  }

  private void refuse(Call call, int status, String message, String auditDetail) {
    audit(call, status, auditDetail);
    EngineRelay.error(call.request(), status, message);
  }

  private EngineRequest engineRequest(Call call, Buffer body) {
    Map<String, String> headers = new LinkedHashMap<>();
    call.request().headers().forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      String forwarded = lower.equals("sec-websocket-protocol") ? EngineRelay.protocolsWithoutCredentials(value) : value;
      if (forwarded != null && !EngineRelay.NOT_FORWARDED.contains(lower)) {
        headers.merge(name, forwarded, (a, b) -> a + ", " + b);
      }
    });
    return new EngineRequest(call.request().method().name(), call.path().forward(), Map.of(), headers, body);
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    return request.getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
  }

  /** A small body read whole (JSON configs), refused past MAX_JSON_BODY. */
  private static Future<Buffer> readBody(HttpServerRequest request) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (body.length() + chunk.length() > MAX_JSON_BODY) {
        promise.tryFail("the request body is larger than " + (MAX_JSON_BODY >> 10) + " KB");
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.endHandler(v -> promise.tryComplete(body));
    request.exceptionHandler(promise::tryFail);
    request.resume();
    return promise.future();
  }

  /**
   * Reads are not audited; everything else is, whatever its outcome, and so is attach/ws, a GET that
   * opens a container's stdin. No query string: it may hold build args.
   */
  private void audit(Call call, int status, String detail) {
    HttpMethod method = call.request().method();
    if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && call.route().kind() != DockerRoutes.Kind.WEBSOCKET) {
      return;
    }
    auditLog.record(new AuditEntry(System.currentTimeMillis(), call.user().id(), call.user().username(),
        call.request().remoteAddress().host(), call.host().id(), method.name() + " " + ACTION_PREFIX
        + call.route().template(), call.path().route(), String.valueOf(status), detail));
  }
}
