package dev.berth.gateway.resources;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

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

  private static final Comparator<JsonScanner.Str> BY_TEXT = Comparator.comparing(JsonScanner.Str::text);

  record Port(JsonScanner.Str ip, Integer privatePort, Integer publicPort, JsonScanner.Str type) {
  }

  /**
   * One container as listed: see ContainerList for the JSON shape. Strings are null when absent;
   * index is the container's place in the engine's list.
   */
  record View(int index, JsonScanner.Str idRaw, List<JsonScanner.Str> names, JsonScanner.Str imageRaw, JsonScanner.Str imageId,
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
    return new Reader().finish(engineBody);
  }

  /**
   * Reads the engine's list as its bytes arrive: each call to {@link #arrived} reads the
   * containers that are complete, so that when the last bytes come only they are left to read.
   * A container cut off by the end of the bytes so far is read again, whole, next time.
   */
  static final class Reader {
    private final List<View> views = new ArrayList<>();
    /** Where the next unread part starts: the opening '[', or the ',' or ']' after a container. */
    private int next;
    /** Where the answer starts in the arrays seen so far; -1 before the first. */
    private int origin = -1;
    private boolean opened;
    private boolean closed;
    /** The bytes so far were not a list: finish() reads them again and reports why. */
    private boolean failed;

    /**
     * bytes[from, to) are the answer so far; a later call may pass a longer copy, always with the
     * same bytes at the same indices.
     */
    void arrived(byte[] bytes, int from, int to) {
      if (failed) {
        return;
      }
      try {
        read(bytes, from, to, true);
      } catch (JsonScanner.Incomplete wait) {
        // the rest of this container is still on its way
      } catch (RuntimeException e) {
        failed = true;
      }
    }

    /** All of the answer; throws IllegalStateException when it is not a list of containers. */
    List<View> finish(Buffer engineBody) {
      ByteBuf buf = ((BufferInternal) engineBody).getByteBuf();
      if (buf.hasArray()) {
        int from = buf.arrayOffset() + buf.readerIndex();
        read(buf.array(), from, from + buf.readableBytes(), false);
      } else {
        read(engineBody.getBytes(), 0, engineBody.length(), false);
      }
      return views;
    }

    private void read(byte[] bytes, int from, int to, boolean more) {
      if (failed || from != origin) {
        origin = from;
        next = from;
        views.clear();
        opened = false;
        closed = false;
      }
      JsonScanner scan = new JsonScanner(bytes, next, to - next, more);
      if (!opened) {
        scan.expect('[');
        opened = true;
        next = scan.position();
      }
      while (!closed) {
        if (!scan.nextElement(views.isEmpty())) {
          closed = true;
        } else {
          views.add(readOne(scan, views.size()));
        }
        next = scan.position();
      }
      if (!more) {
        scan.end();
      }
    }
  }

  private static View readOne(JsonScanner scan, int index) {
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
    return new View(index, id, names, image, imageId, command, created, state, status, ports, labels, networks);
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

  private static final byte[] ITEMS = "{\"items\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] TOTAL = JsonBytes.field("total");
  private static final byte[] ID = JsonBytes.field("id");
  private static final byte[] NAME = JsonBytes.field("name");
  private static final byte[] NAMES = JsonBytes.field("names");
  private static final byte[] IMAGE = JsonBytes.field("image");
  private static final byte[] IMAGE_ID = JsonBytes.field("imageId");
  private static final byte[] COMMAND = JsonBytes.field("command");
  private static final byte[] CREATED = JsonBytes.field("created");
  private static final byte[] STATE = JsonBytes.field("state");
  private static final byte[] STATUS = JsonBytes.field("status");
  private static final byte[] PORTS = JsonBytes.field("ports");
  private static final byte[] IP = JsonBytes.field("ip");
  private static final byte[] PRIVATE_PORT = JsonBytes.field("privatePort");
  private static final byte[] PUBLIC_PORT = JsonBytes.field("publicPort");
  private static final byte[] TYPE = JsonBytes.field("type");
  private static final byte[] LABELS = JsonBytes.field("labels");
  private static final byte[] NETWORKS = JsonBytes.field("networks");

  /** {"items": [...], "total": N}. */
  static Buffer write(List<View> page, int total, int sizeHint) {
    JsonBytes out = new JsonBytes(sizeHint);
    out.raw(ITEMS);
    for (int i = 0; i < page.size(); i++) {
      View v = page.get(i);
      if (i > 0) {
        out.raw(',');
      }
      out.raw('{').raw(ID).string(v.idRaw());
      out.raw(',').raw(NAME);
      if (v.names().isEmpty()) {
        out.string("");
      } else {
        out.string(v.names().get(0));
      }
      out.raw(',');
      strings(out, NAMES, v.names());
      out.raw(',').raw(IMAGE).string(v.imageRaw());
      out.raw(',').raw(IMAGE_ID).string(v.imageId());
      out.raw(',').raw(COMMAND).string(v.command());
      out.raw(',').raw(CREATED).number(v.created());
      out.raw(',').raw(STATE).string(v.stateRaw());
      out.raw(',').raw(STATUS).string(v.statusRaw());
      out.raw(',').raw(PORTS).raw('[');
      for (int p = 0; p < v.ports().size(); p++) {
        Port port = v.ports().get(p);
        if (p > 0) {
          out.raw(',');
        }
        out.raw('{').raw(IP).string(port.ip());
        out.raw(',').raw(PRIVATE_PORT).number(port.privatePort());
        out.raw(',').raw(PUBLIC_PORT).number(port.publicPort());
        out.raw(',').raw(TYPE).string(port.type()).raw('}');
      }
      out.raw(']').raw(',').raw(LABELS).raw('{');
      boolean first = true;
      for (Map.Entry<String, JsonScanner.Str> label : v.labels().entrySet()) {
        if (!first) {
          out.raw(',');
        }
        first = false;
        out.string(label.getKey()).raw(':').string(label.getValue());
      }
      out.raw('}').raw(',');
      strings(out, NETWORKS, v.networks());
      out.raw('}');
    }
    out.raw(']').raw(',').raw(TOTAL).number(total).raw('}');
    return out.toBuffer();
  }

  private static void strings(JsonBytes out, byte[] name, List<JsonScanner.Str> values) {
    out.raw(name).raw('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.raw(',');
      }
      out.string(values.get(i));
    }
    out.raw(']');
  }
}
