package dev.berth.gateway.resources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
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

  // Field names encoded once: writing them from Strings was the largest cost of a page.
  private static final SerializedString ITEMS = new SerializedString("items");
  private static final SerializedString TOTAL = new SerializedString("total");
  private static final SerializedString ID = new SerializedString("id");
  private static final SerializedString NAME = new SerializedString("name");
  private static final SerializedString NAMES = new SerializedString("names");
  private static final SerializedString IMAGE = new SerializedString("image");
  private static final SerializedString IMAGE_ID = new SerializedString("imageId");
  private static final SerializedString COMMAND = new SerializedString("command");
  private static final SerializedString CREATED = new SerializedString("created");
  private static final SerializedString STATE = new SerializedString("state");
  private static final SerializedString STATUS = new SerializedString("status");
  private static final SerializedString PORTS = new SerializedString("ports");
  private static final SerializedString IP = new SerializedString("ip");
  private static final SerializedString PRIVATE_PORT = new SerializedString("privatePort");
  private static final SerializedString PUBLIC_PORT = new SerializedString("publicPort");
  private static final SerializedString TYPE = new SerializedString("type");
  private static final SerializedString LABELS = new SerializedString("labels");
  private static final SerializedString NETWORKS = new SerializedString("networks");

  /** {"items": [...], "total": N}. */
  static Buffer write(List<View> page, int total) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + page.size() * 400);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName(ITEMS);
      g.writeStartArray();
      for (View v : page) {
        g.writeStartObject();
        writeString(g, ID, v.id());
        writeString(g, NAME, v.name());
        writeStrings(g, NAMES, v.names());
        writeString(g, IMAGE, v.image());
        writeString(g, IMAGE_ID, v.imageId());
        writeString(g, COMMAND, v.command());
        g.writeFieldName(CREATED);
        g.writeNumber(v.created());
        writeString(g, STATE, v.state());
        writeString(g, STATUS, v.status());
        g.writeFieldName(PORTS);
        g.writeStartArray();
        for (Port port : v.ports()) {
          g.writeStartObject();
          writeString(g, IP, port.ip());
          writeInt(g, PRIVATE_PORT, port.privatePort());
          writeInt(g, PUBLIC_PORT, port.publicPort());
          writeString(g, TYPE, port.type());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(LABELS);
        g.writeStartObject();
        for (Map.Entry<String, String> label : v.labels().entrySet()) {
          g.writeStringField(label.getKey(), label.getValue());
        }
        g.writeEndObject();
        writeStrings(g, NETWORKS, v.networks());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeFieldName(TOTAL);
      g.writeNumber(total);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  private static void writeString(JsonGenerator g, SerializedString name, String value) throws IOException {
    g.writeFieldName(name);
    g.writeString(value);
  }

  private static void writeStrings(JsonGenerator g, SerializedString name, List<String> values) throws IOException {
    g.writeFieldName(name);
    g.writeStartArray();
    for (String value : values) {
      g.writeString(value);
    }
    g.writeEndArray();
  }

  private static void writeInt(JsonGenerator g, SerializedString name, Integer value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value);
    }
  }
}
