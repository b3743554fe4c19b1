package dev.berth.engine.containers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.berth.engine.api.JsonArrayStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each container's GET /containers/json entry, kept between lists as encoded bytes, as moby
 * keeps a snapshot of each container (its ViewDB) for its list: listing 500 containers copies
 * bytes instead of building and encoding 500 objects.
 *
 * <p>A snapshot is made again when the container's name or status, or a hook's
 * {@link ContainerHook#summaryStamp}, is not the same object as when it was made. The stamp is
 * read before the entry is built, so a change made while it is built is seen at the next list.
 * Status ("Up 5 minutes (healthy)") depends on the clock and the health monitor, so it is not
 * part of the bytes: it is written between them at each list.
 */
final class SummarySnapshots {

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Snapshot> byId = new ConcurrentHashMap<>();
  private final ContainerHooks hooks;

  SummarySnapshots(ContainerHooks hooks) {
    this.hooks = hooks;
  }

  /** The container's entry as of now: the snapshot, made again if anything in it changed. */
  Snapshot of(Container c) {
    Object[] stamp = stamp(c);
    Snapshot s = byId.get(c.id());
    if (s != null && sameRefs(s.stamp, stamp)) {
      return s;
    }
    JsonObject summary = ContainerViews.summary(c, false);
    hooks.summarize(c, summary);
    s = new Snapshot(stamp, summary);
    byId.put(c.id(), s);
    return s;
  }

  /** The container's snapshot if it is still current, else null (it must be made on a worker). */
  Snapshot current(Container c) {
    Snapshot s = byId.get(c.id());
    return s != null && sameRefs(s.stamp, stamp(c)) ? s : null;
  }

  /** The entry of one list: the snapshot's bytes with this list's Status. */
  Listed listed(Container c, long nowNano) {
    return listed(of(c), c, nowNano);
  }

  /** The entry of one list from a snapshot of c. */
  Listed listed(Snapshot s, Container c, long nowNano) {
    return new Listed(s, s.statusBytes(status(c, nowNano)));
  }

  /** A list entry's Status at nowNano: "Up 5 minutes" and the hooks' suffixes, like " (healthy)". */
  String status(Container c, long nowNano) {
    String status = ContainerViews.humanStatus(c, nowNano);
    String suffix = hooks.statusSuffix(c);
    return suffix.isEmpty() ? status : status.concat(suffix);
  }

  void forget(String id) {
    byId.remove(id);
  }

  /** Drops the snapshots of containers that are gone (one removed while a list made its entry). */
  void keepOnly(Collection<Container> known) {
    if (byId.size() > known.size()) {
      java.util.Set<String> ids = new java.util.HashSet<>();
      known.forEach(c -> ids.add(c.id()));
      byId.keySet().retainAll(ids);
    }
  }

  int size() {
    return byId.size();
  }

  private Object[] stamp(Container c) {
    Object[] hookStamps = hooks.summaryStamps(c);
    Object[] out = Arrays.copyOf(hookStamps, hookStamps.length + 2);
    out[hookStamps.length] = c.name();
    out[hookStamps.length + 1] = c.status();
    return out;
  }

  /** Identity, element by element, into nested arrays. */
  static boolean sameRefs(Object a, Object b) {
    if (a instanceof Object[] x && b instanceof Object[] y) {
      if (x.length != y.length) {
        return false;
      }
      for (int i = 0; i < x.length; i++) {
        if (!sameRefs(x[i], y[i])) {
          return false;
        }
      }
      return true;
    }
    return a == b;
  }

  /** One container's entry without its Status: the bytes before the value and after it. */
  static final class Snapshot {
    private final Object[] stamp;
    private final JsonObject summary;
    private final byte[] head;
    private final byte[] tail;
    /** The last Status written and its JSON bytes: "Created" or "Up 2 hours" is quoted once, not at each list. */
    private volatile StatusBytes lastStatus = new StatusBytes("", new byte[0]);

    Snapshot(Object[] stamp, JsonObject summary) {
      this.stamp = stamp;
      this.summary = summary;
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      int split = -1;
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : summary) {
          g.writeFieldName(e.getKey());
          if (e.getKey().equals("Status")) {
            g.writeString("");
            g.flush();
            split = out.size() - 2; // where the placeholder "" starts
          } else {
            JacksonCodec.encodeJson(e.getValue(), g);
          }
        }
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (split < 0) {
        throw new IllegalStateException("a list entry without Status");
      }
      byte[] all = out.toByteArray();
      this.head = Arrays.copyOfRange(all, 0, split);
      this.tail = Arrays.copyOfRange(all, split + 2, all.length); // after the placeholder ""
    }

    StatusBytes statusBytes(String status) {
      StatusBytes last = lastStatus;
      if (!last.text.equals(status)) {
        last = new StatusBytes(status, JsonStringEncoder.getInstance().quoteAsUTF8(status));
        lastStatus = last;
      }
      return last;
    }

    /** The entry as filters read it (Ports, Mounts, NetworkSettings); shared: never change it. */
    JsonObject summary() {
      return summary;
    }
  }

  /** A Status and its JSON string's contents (escaped, without the quotes). */
  record StatusBytes(String text, byte[] quoted) {
  }

  /** A snapshot with the Status of one list, written as JSON without building an object. */
  record Listed(Snapshot snapshot, StatusBytes status) implements JsonArrayStream.Item {
    @Override
    public void appendTo(Buffer out) {
      out.appendBytes(snapshot.head)
          .appendByte((byte) '"')
          .appendBytes(status.quoted)
          .appendByte((byte) '"')
          .appendBytes(snapshot.tail);
    }
  }
}
