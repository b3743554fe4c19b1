package dev.berth.gateway.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One events socket: joins the feed of every host the user may see (narrowed by the hosts
 * parameter) and filters by event type. Visibility is re-read every few seconds from the
 * user's current account and grants, so a revoked grant or a deleted host stops the flow;
 * {@link #deliver} drops anything of a host not currently joined.
 */
final class EventSubscriber {
  static final long VISIBILITY_REFRESH_MS = 3000;

  private final Vertx vertx;
  private final EventHub hub;
  private final Visibility visibility;
  private final LiveSocket socket;
  private final Set<String> requestedHosts;
  private final Set<String> types;
  private final Set<String> joined = ConcurrentHashMap.newKeySet();
  private long timer = -1;

  /**
   * @param requestedHosts null for every visible host
   * @param types empty for every type (lower-case engine Type values)
   */
  EventSubscriber(Vertx vertx, EventHub hub, Visibility visibility, LiveSocket socket,
      Set<String> requestedHosts, Set<String> types) {
    this.vertx = vertx;
    this.hub = hub;
    this.visibility = visibility;
    this.socket = socket;
    this.requestedHosts = requestedHosts;
    this.types = types;
  }

  /** @param visible the hosts the user sees now; since is a cursor sequence (-1 none) */
  void start(LiveSettings settings, Set<String> visible, long since) {
    socket.onClose(() -> {
      vertx.cancelTimer(timer);
      for (String host : Set.copyOf(joined)) {
        joined.remove(host);
        hub.leave(host, this);
      }
    });
    socket.start(settings.heartbeat(), null, message ->
        socket.send(LiveSocket.error("this channel only takes {\"type\":\"ping\"}")));
    update(visible, since);
    timer = vertx.setPeriodic(VISIBILITY_REFRESH_MS, t -> refresh());
  }

  private void refresh() {
    visibility.of(socket.session.user().id()).onSuccess(visible -> {
      if (visible == null) {
        socket.fail(LiveSocket.POLICY, "the account is disabled or was deleted");
      } else {
        update(visible, -1);
      }
    });
  }

  private synchronized void update(Set<String> visible, long since) {
    if (socket.isClosed()) {
      return;
    }
    Set<String> wanted = new HashSet<>(visible);
    if (requestedHosts != null) {
      wanted.retainAll(requestedHosts);
    }
    for (String host : Set.copyOf(joined)) {
      if (!wanted.contains(host)) {
        joined.remove(host);
        hub.leave(host, this);
      }
    }
    for (String host : wanted) {
      if (joined.add(host)) {
        hub.join(host, this, since);
      }
    }
  }

  /** @param replay a bounded replay from the ring buffer, sent even into a full write queue */
  void deliver(String hostId, String type, String text, boolean replay) {
    if (!joined.contains(hostId) || (!types.isEmpty() && !types.contains(type))) {
      return;
    }
    if (!replay && socket.ws.writeQueueFull()) {
      // a client this far behind resumes from its last cursor instead of growing a backlog here
      socket.close(LiveSocket.TRY_AGAIN, "too slow: reconnect with since=<last cursor>");
      return;
    }
    socket.sendText(text);
  }

  void hostState(String hostId, boolean up) {
    if (joined.contains(hostId)) {
      socket.send(new JsonObject().put("type", "host").put("host", hostId).put("state", up ? "up" : "down"));
    }
  }
}
