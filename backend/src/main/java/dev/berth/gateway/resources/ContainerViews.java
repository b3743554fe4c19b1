package dev.berth.gateway.resources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the engine's container list (Docker's /containers/json) into compact views and
 * writes pages of them. A list is the gateway's hottest path: the engine's answer is scanned
 * in place (JsonScanner), and strings that need no escaping are copied to the output as the
 * bytes they already are, so a list costs about one pass over the input and one over the output.
 */
final class ContainerViews {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Comparator<JsonScanner.Str> BY_TEXT = Comparator.comparing(JsonScanner.Str::text);

  record Port(JsonScanner.Str ip, Integer privatePort, Integer publicPort, JsonScanner.Str type) {
  }

  /** One container as listed: see ContainerList for the JSON shape. Strings are null when absent. */
  record View(JsonScanner.Str idRaw, List<JsonScanner.Str> names, JsonScanner.Str imageRaw, JsonScanner.Str imageId,
              JsonScanner.Str command, long created, JsonScanner.Str stateRaw, JsonScanner.Str statusRaw,
              List<Port> ports, Map<String, JsonScanner.Str> labels, List<JsonScanner.Str> networks) {

    String id() {
      return text(idRaw);
    }

    String name() {
      return names.isEmpty() ? "" : names.get(0).text();
    }

    String image() {
      return text(imageRaw);
    }

    String state() {
      return text(stateRaw);
    }

    String status() {
      return text(statusRaw);
    }

    private static String text(JsonScanner.Str s) {
      return s == null ? null : s.text();
    }
  }

  private ContainerViews() {
  }

  static List<View> read(Buffer engineBody) {
    ByteBuf buf = ((BufferInternal) engineBody).getByteBuf();
    JsonScanner scan = buf.hasArray()
        ? new JsonScanner(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes())
        : new JsonScanner(engineBody.getBytes(), 0, engineBody.length());
    List<View> views = new ArrayList<>();
    scan.expect('[');
    for (boolean first = true; scan.nextElement(first); first = false) {
      views.add(readOne(scan));
    }
    scan.end();
    return views;
  }

  private static View readOne(JsonScanner scan) {
    JsonScanner.Str id = null;
    JsonScanner.Str image = null;
    JsonScanner.Str imageId = null;
    JsonScanner.Str command = null;
    JsonScanner.Str state = null;
    JsonScanner.Str status = null;
    long created = 0;
    List<JsonScanner.Str> names = new ArrayList<>(1);
    List<Port> ports = List.of();
    Map<String, JsonScanner.Str> labels = Map.of();
    List<JsonScanner.Str> networks = new ArrayList<>(1);
    scan.expect('{');
    for (boolean first = true; scan.nextField(first); first = false) {
      JsonScanner.Str field = scan.name();
      if (scan.consumeNull()) {
        continue;
      }
      if (JsonScanner.is(field, "Id")) {
        id = scan.string();
      } else if (JsonScanner.is(field, "Image")) {
        image = scan.string();
      } else if (JsonScanner.is(field, "ImageID")) {
        imageId = scan.string();
      } else if (JsonScanner.is(field, "Command")) {
        command = scan.string();
      } else if (JsonScanner.is(field, "State")) {
        state = scan.string();
      } else if (JsonScanner.is(field, "Status")) {
        status = scan.string();
      } else if (JsonScanner.is(field, "Created")) {
        created = scan.number();
      } else if (JsonScanner.is(field, "Names")) {
        readNames(scan, names);
      } else if (JsonScanner.is(field, "Ports")) {
        ports = readPorts(scan);
      } else if (JsonScanner.is(field, "Labels")) {
        labels = readLabels(scan);
      } else if (JsonScanner.is(field, "NetworkSettings")) {
        readNetworks(scan, networks);
      } else {
        scan.skipValue();
      }
    }
    networks.sort(BY_TEXT);
    return new View(id, names, image, imageId, command, created, state, status, ports, labels, networks);
  }

  private static void readNames(JsonScanner scan, List<JsonScanner.Str> names) {
    scan.expect('[');
    for (boolean first = true; scan.nextElement(first); first = false) {
      JsonScanner.Str n = scan.stringOrNull();
      if (n != null) {
        names.add(n.withoutSlash());
      }
    }
  }

  private static List<Port> readPorts(JsonScanner scan) {
    List<Port> ports = new ArrayList<>(2);
    scan.expect('[');
    for (boolean first = true; scan.nextElement(first); first = false) {
      JsonScanner.Str ip = null;
      JsonScanner.Str type = null;
      Integer privatePort = null;
      Integer publicPort = null;
      scan.expect('{');
      for (boolean f = true; scan.nextField(f); f = false) {
        JsonScanner.Str field = scan.name();
        if (scan.consumeNull()) {
          continue;
        }
        if (JsonScanner.is(field, "IP")) {
          ip = scan.string();
        } else if (JsonScanner.is(field, "Type")) {
          type = scan.string();
        } else if (JsonScanner.is(field, "PrivatePort")) {
          privatePort = (int) scan.number();
        } else if (JsonScanner.is(field, "PublicPort")) {
          publicPort = (int) scan.number();
        } else {
          scan.skipValue();
        }
      }
      ports.add(new Port(ip, privatePort, publicPort, type));
    }
    return ports;
  }

  private static Map<String, JsonScanner.Str> readLabels(JsonScanner scan) {
    Map<String, JsonScanner.Str> labels = new LinkedHashMap<>();
    scan.expect('{');
    for (boolean first = true; scan.nextField(first); first = false) {
      String key = scan.name().text();
      labels.put(key, scan.stringOrNull());
    }
    return labels;
  }

  /** NetworkSettings: {"Networks": {"bridge": {...}, ...}} -> the network names. */
  private static void readNetworks(JsonScanner scan, List<JsonScanner.Str> networks) {
    if (scan.peek() != '{') {
      scan.skipValue();
      return;
    }
    scan.expect('{');
    for (boolean first = true; scan.nextField(first); first = false) {
      JsonScanner.Str field = scan.name();
      if (JsonScanner.is(field, "Networks") && scan.peek() == '{') {
        scan.expect('{');
        for (boolean f = true; scan.nextField(f); f = false) {
          networks.add(scan.name());
          scan.skipValue();
        }
      } else {
        scan.skipValue();
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
  static Buffer write(List<View> page, int total, int sizeHint) {
    Buffer out = Buffer.buffer(sizeHint);
    try (JsonGenerator g = JSON.createGenerator(new BufferOutput(out))) {
      g.writeStartObject();
      g.writeFieldName(ITEMS);
      g.writeStartArray();
      for (View v : page) {
        g.writeStartObject();
        writeString(g, ID, v.idRaw());
        g.writeFieldName(NAME);
        if (v.names().isEmpty()) {
          g.writeString("");
        } else {
          writeValue(g, v.names().get(0));
        }
        writeStrings(g, NAMES, v.names());
        writeString(g, IMAGE, v.imageRaw());
        writeString(g, IMAGE_ID, v.imageId());
        writeString(g, COMMAND, v.command());
        g.writeFieldName(CREATED);
        g.writeNumber(v.created());
        writeString(g, STATE, v.stateRaw());
        writeString(g, STATUS, v.statusRaw());
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
        for (Map.Entry<String, JsonScanner.Str> label : v.labels().entrySet()) {
          g.writeFieldName(label.getKey());
          writeValue(g, label.getValue());
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
    return out;
  }

  private static void writeString(JsonGenerator g, SerializedString name, JsonScanner.Str value) throws IOException {
    g.writeFieldName(name);
    writeValue(g, value);
  }

  /** A plain string's bytes are its JSON encoding already: copied, not re-encoded. */
  private static void writeValue(JsonGenerator g, JsonScanner.Str value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value.plain()) {
      g.writeRawUTF8String(value.source(), value.start(), value.length());
    } else {
      g.writeString(value.text());
    }
  }

  private static void writeStrings(JsonGenerator g, SerializedString name, List<JsonScanner.Str> values)
      throws IOException {
    g.writeFieldName(name);
    g.writeStartArray();
    for (JsonScanner.Str value : values) {
      writeValue(g, value);
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

  /** The generator's output, appended to the answer's buffer: no intermediate copies. */
  private static final class BufferOutput extends OutputStream {
    private final Buffer out;

    BufferOutput(Buffer out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      out.appendByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      out.appendBytes(b, off, len);
    }
  }
}
