package dev.berth.gateway.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's Prometheus metrics: request latency by route, engine call latency by host and
 * operation, open WebSockets and hosts up. Thread-safe; recording never blocks.
 */
public final class Metrics {
  private final Map<String, Histogram> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> responses = new ConcurrentHashMap<>();
  private final Map<String, Histogram> engineCalls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> engineErrors = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> containerLists = new ConcurrentHashMap<>();
  private final AtomicLong openWebSockets = new AtomicLong();

  /** @param route the route template, e.g. "/api/hosts/{id}/containers", never the raw path */
  public void recordRequest(String method, String route, int status, long nanos) {
    String labels = label("method", method) + "," + label("route", route);
    requests.computeIfAbsent(labels, k -> new Histogram()).observe(nanos);
    responses.computeIfAbsent(labels + "," + label("status", String.valueOf(status)), k -> new LongAdder())
        .increment();
  }

  /** Called by the host-access layer around every engine call (operation e.g. "containers.list"). */
  public void recordEngineCall(String hostId, String operation, long nanos, boolean success) {
    String labels = label("host", hostId) + "," + label("operation", operation);
    engineCalls.computeIfAbsent(labels, k -> new Histogram()).observe(nanos);
    if (!success) {
      engineErrors.computeIfAbsent(labels, k -> new LongAdder()).increment();
    }
  }

  /** @param source where a container list came from: kept, shared or engine (ListCounter) */
  public void recordContainerList(String hostId, String source) {
    containerLists.computeIfAbsent(label("host", hostId) + "," + label("source", source), k -> new LongAdder())
        .increment();
  }

  public void webSocketOpened() {
    openWebSockets.incrementAndGet();
  }

  public void webSocketClosed() {
    openWebSockets.decrementAndGet();
  }

  /** The Prometheus text exposition (format 0.0.4). */
  public String scrape(HostStatusSource hosts) {
    StringBuilder out = new StringBuilder(4096);
    out.append("# HELP berth_http_request_duration_seconds Gateway request latency by route.\n")
        .append("# TYPE berth_http_request_duration_seconds histogram\n");
    new TreeMap<>(requests).forEach((labels, h) -> h.write(out, "berth_http_request_duration_seconds", labels));
    out.append("# HELP berth_http_responses_total Gateway responses by route and status.\n")
        .append("# TYPE berth_http_responses_total counter\n");
    new TreeMap<>(responses).forEach((labels, n) ->
        out.append("berth_http_responses_total{").append(labels).append("} ").append(n.sum()).append('\n'));
    out.append("# HELP berth_engine_call_duration_seconds Engine API call latency by host and operation.\n")
        .append("# TYPE berth_engine_call_duration_seconds histogram\n");
    new TreeMap<>(engineCalls).forEach((labels, h) -> h.write(out, "berth_engine_call_duration_seconds", labels));
    out.append("# HELP berth_engine_call_errors_total Failed engine API calls by host and operation.\n")
        .append("# TYPE berth_engine_call_errors_total counter\n");
    new TreeMap<>(engineErrors).forEach((labels, n) ->
        out.append("berth_engine_call_errors_total{").append(labels).append("} ").append(n.sum()).append('\n'));
    out.append("# HELP berth_container_lists_total Container lists by host and source: kept (in memory since the")
        .append(" host last changed), shared (another request's engine read) or engine.\n")
        .append("# TYPE berth_container_lists_total counter\n");
    new TreeMap<>(containerLists).forEach((labels, n) ->
        out.append("berth_container_lists_total{").append(labels).append("} ").append(n.sum()).append('\n'));
    out.append("# HELP berth_websockets_open Open WebSocket connections.\n")
        .append("# TYPE berth_websockets_open gauge\n")
        .append("berth_websockets_open ").append(openWebSockets.get()).append('\n');
    out.append("# HELP berth_host_up Whether the last health check of a host succeeded.\n")
        .append("# TYPE berth_host_up gauge\n");
    long up = 0;
    for (HostStatusSource.HostHealth host : hosts.hostHealth()) {
      out.append("berth_host_up{").append(label("host", host.id())).append("} ")
          .append(host.up() ? 1 : 0).append('\n');
      up += host.up() ? 1 : 0;
    }
    out.append("# HELP berth_hosts_up Number of hosts whose last health check succeeded.\n")
        .append("# TYPE berth_hosts_up gauge\n")
        .append("berth_hosts_up ").append(up).append('\n');
    return out.toString();
  }

  private static String label(String name, String value) {
    String escaped = value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return name + "=\"" + escaped + "\"";
  }
}
