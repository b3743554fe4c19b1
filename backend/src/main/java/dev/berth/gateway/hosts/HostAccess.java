package dev.berth.gateway.hosts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;


/**
 * The only way to reach a container engine. Every caller (resource endpoints, the later
 * Docker-API proxy and WebSockets) depends on this interface, never on docker-java, so a
 * federated implementation can forward a host's calls to the node that owns it.
 *
 * Answers carry the engine's own status: mapping non-2xx to gateway errors is the
 * caller's choice. A failed future means the engine could not be reached
 * (HostUnreachableException) or the host is unknown (UnknownHostException).
 */
public interface HostAccess {

  Future<EngineResponse> call(String hostId, EngineRequest request);

  /**
   * Like {@link #call}, with {@code reader} applied to the answer on the thread that read it: the
   * bytes are still in that core's cache, and a large answer (a 500-container list) is not parsed
   * on the event loop. The reader sees every answer, errors included.
   */
  default <T> Future<ReadAnswer<T>> call(String hostId, EngineRequest request, AnswerReader<T> reader) {
    return call(hostId, request).map(answer -> ReadAnswer.of(answer, reader));
  }

  Future<EngineStream> stream(String hostId, EngineRequest request);

  /**
   * Like {@link #stream}, with the request body read from {@code body} as it arrives (build
   * contexts, image load, archive upload): never held whole in memory, sent chunked, and the
   * source is paused while the engine does not keep up. The request's own body is ignored.
   */
  Future<EngineStream> upload(String hostId, EngineRequest request, ReadStream<Buffer> body);

  /**
   * Sends the request with "Connection: Upgrade, Upgrade: tcp" (or the request's own Upgrade
   * header: "websocket" for attach/ws) and, once the engine answers
   * 101 (or 200, as older engines do), hands over the raw connection: status() is then 101 or
   * 200. Any other answer completes the future with an EngineSocket whose status tells it and
   * whose body is the engine's error ({"message": ...}). The caller must close() it.
   */
  Future<EngineSocket> hijack(String hostId, EngineRequest request);
}
