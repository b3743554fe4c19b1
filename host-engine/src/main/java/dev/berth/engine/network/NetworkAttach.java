package dev.berth.engine.network;

import dev.berth.engine.containers.Container;
import dev.berth.engine.containers.ContainerService;
import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;

/**
 * POST /networks/{id}/connect and /disconnect: a stopped container only changes the networks it
 * will join; a running one gets (or loses) the endpoint in its netns at once, and its /etc files.
 */
final class NetworkAttach {

  private final ContainerNetworking cn;
  private final NetworkService networks;
  private final NetworkStore store;
  private final NetworkBackend backend;
  private final ContainerService containers;

  NetworkAttach(ContainerNetworking cn, NetworkService networks, NetworkStore store, NetworkBackend backend,
      ContainerService containers) {
    this.cn = cn;
    this.networks = networks;
    this.store = store;
    this.backend = backend;
    this.containers = containers;
  }

  void connect(String netRef, String containerRef, JsonObject endpointConfig) {
    Network n = networks.get(netRef);
    Container c = containers.get(containerRef);
    String mode = ContainerNetworking.mode(c);
    if (!n.isBridgeDriver() || !ContainerNetworking.bridged(mode)) {
      throw EngineException.invalidParameter(
          mode.equals("host") || n.driver().equals("host")
              ? "container cannot be disconnected from host network or connected to host network"
              : "container cannot be connected to multiple networks with one of the networks in private (none) mode");
    }
    ContainerNetworking.checkEndpoint(n, endpointConfig);
    synchronized (cn.lock(c.id())) {
      JsonObject eps = store.endpoints(c.id());
      if (!store.hasEndpoints(c.id())) {
        eps.put(networks.forMode(mode).id(), new JsonObject());
      }
      if (eps.containsKey(n.id())) {
        throw EngineException.forbidden("endpoint with name " + c.name() + " already exists in network " + n.name());
      }
      eps.put(n.id(), ContainerNetworking.endpointRecord(endpointConfig));
      try {
        if (c.isRunning()) {
          Attachment a = cn.reserveEndpoint(c, n.id(), eps.getJsonObject(n.id()), List.of(), "eth" + (eps.size() - 1));
          try {
            backend.setup(store.netnsFile(c.id()), a);
          } catch (IOException e) {
            networks.release(c.id(), n.id());
            store.saveAttachments(c.id(), networks.attachments(c.id()));
            throw e;
          }
          cn.writeEtc(c);
        }
        store.saveEndpoints(c.id(), eps);
      } catch (IOException e) {
        throw EngineException.system("cannot connect " + c.name() + " to " + n.name() + ": " + e.getMessage(), e);
      }
    }
    networks.publish("connect", n, c.id());
  }

  void disconnect(String netRef, String containerRef) {
    Network n = networks.get(netRef);
    Container c = containers.get(containerRef);
    synchronized (cn.lock(c.id())) {
      JsonObject eps = store.endpoints(c.id());
      if (!eps.containsKey(n.id())) {
        throw EngineException.forbidden("container " + c.id() + " is not connected to network " + n.name());
      }
      try {
        if (c.isRunning()) {
          for (Attachment a : networks.attachments(c.id())) {
            if (a.network().id().equals(n.id())) {
              backend.teardown(store.netnsFile(c.id()), a);
            }
          }
          networks.release(c.id(), n.id());
          store.saveAttachments(c.id(), networks.attachments(c.id()));
        }
        eps.remove(n.id());
        store.saveEndpoints(c.id(), eps);
      } catch (IOException e) {
        throw EngineException.system("cannot disconnect " + c.name() + " from " + n.name() + ": " + e.getMessage(), e);
      }
    }
    networks.publish("disconnect", n, c.id());
  }
}
