package dev.berth.engine.api;

import io.vertx.ext.web.Router;

/**
 * One router per API resource group (containers, images, exec, system, ...). Implementations
 * keep a flat route table at the top of {@link #mount(Router)}, grouped GET / POST / DELETE,
 * with unversioned paths: {@link dev.berth.engine.api.compat.ApiVersionPrefix} makes every
 * route answer under /v1.NN too.
 */
public interface ApiRoutes {
  void mount(Router router);
}
