package dev.berth.gateway.hosts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * HostAccess that tells {@link HostChanges} of every write it sends (any method but GET and
 * HEAD), once the engine has answered and before the caller sees the answer: whoever made a
 * change through the gateway and then lists sees it (read-your-writes). A stream's later effects
 * (a pull that ends, a build) and changes made behind the gateway's back reach HostChanges as
 * engine events.
 */
final class ChangeTrackingAccess implements HostAccess {

  private final HostAccess engines;
  private final HostChanges changes;

  ChangeTrackingAccess(HostAccess engines, HostChanges changes) {
    this.engines = engines;
    this.changes = changes;
  }

  @Override
  public Future<EngineResponse> call(String hostId, EngineRequest request) {
    return tracked(hostId, request, engines.call(hostId, request));
  }

  @Override
  public <T> Future<ReadAnswer<T>> call(String hostId, EngineRequest request, AnswerReader<T> reader) {
    return tracked(hostId, request, engines.call(hostId, request, reader));
  }

  @Override
  public Future<EngineStream> stream(String hostId, EngineRequest request) {
    return tracked(hostId, request, engines.stream(hostId, request));
  }

  @Override
  public Future<EngineStream> upload(String hostId, EngineRequest request, ReadStream<Buffer> body) {
    return tracked(hostId, request, engines.upload(hostId, request, body));
  }

  @Override
  public Future<EngineSocket> hijack(String hostId, EngineRequest request) {
    return tracked(hostId, request, engines.hijack(hostId, request));
  }

  private <T> Future<T> tracked(String hostId, EngineRequest request, Future<T> answer) {
    if (isRead(request.method())) {
      return answer;
    }
    // andThen: the caller's handlers run on the future it returns, after this one
    return answer.andThen(ar -> changes.changed(hostId));
  }

  static boolean isRead(String method) {
    return "GET".equals(method) || "HEAD".equals(method);
  }
}
