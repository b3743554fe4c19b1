package dev.berth.gateway.http;

import io.vertx.ext.web.Router;

/**
 * One resource's routes. The HTTP verticle mounts every endpoint on the sub-router that serves
 * {@code /api}, after the shared chain (body limit, authentication, audit), so routes here are
 * relative to {@code /api} and can rely on {@link dev.berth.gateway.auth.AuthUser#of}.
 */
public interface HttpEndpoint {
  void addRoutes(Router api);
}
