package dev.berth.gateway.openapi;

import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the hand-written OpenAPI 3 document of the whole API (public). */
public final class OpenApiEndpoint implements HttpEndpoint {
  public static final String RESOURCE = "openapi/berth-gateway.yaml";

  private final Buffer document = load();

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/openapi.yaml").handler(this::getOpenApi);
  }

  private void getOpenApi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml").end(document);
  }

  private static Buffer load() {
    try (InputStream in = OpenApiEndpoint.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
