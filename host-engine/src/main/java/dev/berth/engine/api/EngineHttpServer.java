package dev.berth.engine.api;

import dev.berth.engine.config.EngineConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Listens on every --host: unix sockets (root-owned, 0660) and TLS-only TCP. */
public final class EngineHttpServer {

  private final Vertx vertx;
  private final EngineConfig config;
  private final List<HttpServer> servers = new ArrayList<>();

  public EngineHttpServer(Vertx vertx, EngineConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  public Future<Void> listen(Router router) {
    List<Future<?>> started = new ArrayList<>();
    for (String host : config.hosts) {
      started.add(listenOne(host, router));
    }
    return Future.all(started).mapEmpty();
  }

  private Future<HttpServer> listenOne(String host, Router router) {
    HttpServerOptions options =
        new HttpServerOptions().setCompressionSupported(false).setIdleTimeout(0);
    if (host.startsWith("unix://")) {
      Path socket = Path.of(host.substring("unix://".length()));
      try {
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
      HttpServer server = vertx.createHttpServer(options).requestHandler(router);
      servers.add(server);
      return server
          .listen(SocketAddress.domainSocketAddress(socket.toString()))
          .compose(
              s -> {
                try {
                  restrict(socket);
                  return Future.succeededFuture(s);
                } catch (IOException e) {
                  return Future.failedFuture(e);
                }
              });
    }
    URI uri = URI.create(host);
    options
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(config.tlsCert.toString())
                .setKeyPath(config.tlsKey.toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(config.tlsCaCert.toString()))
        .setClientAuth(ClientAuth.REQUIRED);
    HttpServer server = vertx.createHttpServer(options).requestHandler(router);
    servers.add(server);
    return server.listen(uri.getPort() > 0 ? uri.getPort() : 2376, uri.getHost());
  }

  /** Root-only by default: mode 0660 and group root unless a --group is configured. */
  private void restrict(Path socket) throws IOException {
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
    if (config.group != null && !config.group.isEmpty()) {
      GroupPrincipal group =
          socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(config.group);
      Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group);
    }
  }

  public Future<Void> close() {
    List<Future<?>> closed = new ArrayList<>();
    for (HttpServer s : servers) {
      closed.add(s.close());
    }
    return Future.join(closed).mapEmpty();
  }
}
