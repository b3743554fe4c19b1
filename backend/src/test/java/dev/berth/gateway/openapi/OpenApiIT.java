package dev.berth.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.gateway.TestGateway;
import dev.berth.gateway.http.RouteTable;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every route the router serves is in /api/openapi.yaml, and every documented route is served. */
class OpenApiIT {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @Test
  void documentMatchesTheRouter() throws Exception {
    try (TestGateway gw = TestGateway.start()) {
      TestGateway.Answer answer = gw.get("/api/openapi.yaml");
      assertEquals(200, answer.status());
      JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(answer.body());
      assertTrue(doc.path("openapi").asText().startsWith("3."), "an OpenAPI 3 document");
      SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(answer.body(), null, new ParseOptions());
      assertEquals(List.of(), parsed.getMessages(), "the document is valid OpenAPI 3");

      Set<String> documented = new TreeSet<>();
      Iterator<String> paths = doc.path("paths").fieldNames();
      while (paths.hasNext()) {
        String path = paths.next();
        doc.path("paths").path(path).fieldNames().forEachRemaining(method -> {
          if (METHODS.contains(method)) {
            documented.add(method.toUpperCase() + " " + path);
          }
        });
      }
      Set<String> served = new TreeSet<>();
      for (RouteTable.Entry entry : gw.app.routes().entries()) {
        entry.methods().forEach(method -> served.add(method.name() + " " + entry.template()));
      }
      served.add("GET /health");
      served.add("GET /metrics");

      Set<String> undocumented = new TreeSet<>(served);
      undocumented.removeAll(documented);
      Set<String> unserved = new TreeSet<>(documented);
      unserved.removeAll(served);
      assertEquals(Set.of(), undocumented, "routes missing from openapi.yaml");
      assertEquals(Set.of(), unserved, "documented routes the router does not serve");
      assertTrue(served.size() > 20, "the route table was read: " + served);
    }
  }
}
