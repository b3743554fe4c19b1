package dev.berth.gateway.hosts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * A hijacked engine connection (exec start, attach): after the engine's answer, raw bytes flow
 * both ways. {@link #body()} carries the engine's output (raw with a TTY, else Docker's 8-byte
 * stream frames); {@link #write} sends stdin. {@link #closeWrite()} half-closes stdin, as the CLI
 * does at EOF; {@link #close()} drops the connection.
 */
public interface EngineSocket extends EngineStream {

  Future<Void> write(Buffer data);

  void closeWrite();
}
