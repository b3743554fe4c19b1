package dev.berth.gateway.hosts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.regex.Pattern;

/**
 * HostAccess that tells {@link HostChanges} of every write it sends (any method but GET and
 * HEAD), once the engine has answered and before the caller sees the answer: whoever made a
 * change through the gateway and then lists sees it (read-your-writes). A stream's later effects
 * (a pull that ends, a build) and changes made behind the gateway's back reach HostChanges as
 * engine events. Writes that change no state (exec sessions, attaching, resizing a TTY, waiting
 * for an exit, as HostChanges#isChange for their events) do not count: a terminal left open
 * would otherwise make every list ask the engine.
 */
final class ChangeTrackingAccess implements HostAccess {

  private static final Pattern NO_CHANGE = Pattern.compile(
      "(/v[0-9.]+)?/(containers/[^/]+/(attach|resize|wait|exec)|exec/[^/]+/(start|resize))");

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
    if (!isChange(request)) {
      return answer;
    }
    // andThen: the caller's handlers run on the future it returns, after this one
    return answer.andThen(ar -> changes.changed(hostId));
  }

  /** Whether the request may change state on the engine (its path may carry the query). */
  static boolean isChange(EngineRequest request) {
    if ("GET".equals(request.method()) || "HEAD".equals(request.method())) {
      return false;
    }
    String path = request.path();
    int query = path.indexOf('?');
    return !NO_CHANGE.matcher(query < 0 ? path : path.substring(0, query)).matches();
  }
}
