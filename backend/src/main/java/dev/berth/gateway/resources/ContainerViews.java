package dev.berth.gateway.resources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the engine's container list (Docker's /containers/json) into compact views and
 * writes pages of them, with Jackson's streaming API: a list is the gateway's hottest
 * path, and a JSON tree of every container costs more than the fields it keeps.
 */
final class ContainerViews {

  private static final JsonFactory JSON = new JsonFactory();

  record Port(String ip, Integer privatePort, Integer publicPort, String type) {
  }

  /** One container as listed: see ContainerList for the JSON shape. */
  record View(String id, List<String> names, String image, String imageId, String command, long created,
              String state, String status, List<Port> ports, Map<String, String> labels, List<String> networks) {

    String name() {
      return names.isEmpty() ? "" : names.get(0);
    }
  }

  private ContainerViews() {
  }

  static List<View> read(Buffer engineBody) {
    try (JsonParser p = JSON.createParser(engineBody.getBytes())) {
      List<View> views = new ArrayList<>();
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalStateException("the engine's container list is not a JSON array");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        views.add(readOne(p));
      }
      return views;
    } catch (IOException e) {
      throw new IllegalStateException("the engine's container list is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static View readOne(JsonParser p) throws IOException {
    String id = null;
    String image = null;
    String imageId = null;
    String command = null;
    String state = null;
    String status = null;
    long created = 0;
    List<String> names = new ArrayList<>(1);
    List<Port> ports = new ArrayList<>(0);
    Map<String, String> labels = new LinkedHashMap<>();
    List<String> networks = new ArrayList<>(1);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "Id" -> id = p.getText();
        case "Image" -> image = p.getText();
        case "ImageID" -> imageId = p.getText();
        case "Command" -> command = p.getText();
        case "State" -> state = p.getText();
        case "Status" -> status = p.getText();
        case "Created" -> created = p.getValueAsLong();
        case "Names" -> {
          while (p.nextToken() != JsonToken.END_ARRAY) {
            String n = p.getText();
            names.add(n.startsWith("/") ? n.substring(1) : n);
          }
        }
        case "Ports" -> {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            ports.add(readPort(p));
          }
        }
        case "Labels" -> {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            labels.put(key, p.getText());
          }
        }
        case "NetworkSettings" -> readNetworks(p, networks);
        default -> p.skipChildren();
      }
    }
    networks.sort(null);
    return new View(id, names, image, imageId, command, created, state, status, ports, labels, networks);
  }

  private static Port readPort(JsonParser p) throws IOException {
    String ip = null;
    String type = null;
    Integer privatePort = null;
    Integer publicPort = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "IP" -> ip = p.getText();
        case "Type" -> type = p.getText();
        case "PrivatePort" -> privatePort = p.getIntValue();
        case "PublicPort" -> publicPort = p.getIntValue();
        default -> p.skipChildren();
      }
    }
    return new Port(ip, privatePort, publicPort, type);
  }

  /** NetworkSettings: {"Networks": {"bridge": {...}, ...}} -> the network names. */
  private static void readNetworks(JsonParser p, List<String> networks) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("Networks") && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          networks.add(p.currentName());
          p.nextToken();
          p.skipChildren();
        }
      } else {
        p.skipChildren();
      }
    }
  }

  /** {"items": [...], "total": N}. */
  static Buffer write(List<View> page, int total) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + page.size() * 400);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("items");
      for (View v : page) {
        g.writeStartObject();
        g.writeStringField("id", v.id());
        g.writeStringField("name", v.name());
        g.writeArrayFieldStart("names");
        for (String n : v.names()) {
          g.writeString(n);
        }
        g.writeEndArray();
        g.writeStringField("image", v.image());
        g.writeStringField("imageId", v.imageId());
        g.writeStringField("command", v.command());
        g.writeNumberField("created", v.created());
        g.writeStringField("state", v.state());
        g.writeStringField("status", v.status());
        g.writeArrayFieldStart("ports");
        for (Port port : v.ports()) {
          g.writeStartObject();
          g.writeStringField("ip", port.ip());
          writeInt(g, "privatePort", port.privatePort());
          writeInt(g, "publicPort", port.publicPort());
          g.writeStringField("type", port.type());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> label : v.labels().entrySet()) {
          g.writeStringField(label.getKey(), label.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("networks");
        for (String n : v.networks()) {
          g.writeString(n);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("total", total);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  private static void writeInt(JsonGenerator g, String name, Integer value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value);
    }
  }
}
