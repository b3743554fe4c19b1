package dev.berth.engine.network;

import dev.berth.engine.runtime.Commands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;

/**
 * Isolation between networks, which netavark 1.4 lacks (its FORWARD rules accept whatever leaves
 * a subnet): DROP rules in our own chain BERTH-ISOLATION, jumped to first from FORWARD, one pair
 * per two bridges of ours, and for an internal network everything that crosses its bridge.
 * Rules are added and deleted one by one, so engines sharing the chain never touch each other's.
 */
final class Isolation {

  private static final Logger LOG = Logger.getLogger(Isolation.class.getName());
  static final String CHAIN = "BERTH-ISOLATION";

  private Isolation() {}

  private static void ensureChain() {
    iptables("-N", CHAIN);
    if (!iptables("-C", "FORWARD", "-j", CHAIN)) {
      iptables("-I", "FORWARD", "1", "-j", CHAIN);
    }
  }

  /** Rules that keep {@code n} apart from {@code others} (and from everything, when internal). */
  static void add(Network n, Collection<Network> others) {
    List<List<String>> rules = rules(n, others);
    if (!rules.isEmpty()) {
      ensureChain();
    }
    for (List<String> rule : rules) {
      List<String> check = new ArrayList<>(List.of("-C", CHAIN));
      check.addAll(rule);
      if (!iptables(check.toArray(String[]::new))) {
        List<String> add = new ArrayList<>(List.of("-A", CHAIN));
        add.addAll(rule);
        if (!iptables(add.toArray(String[]::new))) {
          LOG.warning("cannot add isolation rule " + rule);
        }
      }
    }
  }

  static void remove(Network n, Collection<Network> others) {
    for (List<String> rule : rules(n, others)) {
      List<String> del = new ArrayList<>(List.of("-D", CHAIN));
      del.addAll(rule);
      while (iptables(del.toArray(String[]::new))) {
        // a rule added twice (two engines racing) goes entirely
      }
    }
    // the last rule gone (of every engine on the host): the chain and its jump go too
    Commands.Result left = Commands.run(List.of("iptables", "-w", "-t", "filter", "-S", CHAIN));
    if (left.ok() && left.out().strip().lines().count() <= 1) {
      iptables("-D", "FORWARD", "-j", CHAIN);
      if (!iptables("-X", CHAIN)) {
        ensureChain(); // another engine added a rule meanwhile: its jump comes back
      }
    }
  }

  private static List<List<String>> rules(Network n, Collection<Network> others) {
    List<List<String>> out = new ArrayList<>();
    if (!n.isBridgeDriver()) {
      return out;
    }
    String br = n.bridge();
    if (n.internal()) {
      out.add(List.of("-i", br, "!", "-o", br, "-j", "DROP"));
      out.add(List.of("-o", br, "!", "-i", br, "-j", "DROP"));
    }
    for (Network o : others) {
      if (o.isBridgeDriver() && !o.id().equals(n.id()) && !o.bridge().equals(br)) {
        out.add(List.of("-i", br, "-o", o.bridge(), "-j", "DROP"));
        out.add(List.of("-i", o.bridge(), "-o", br, "-j", "DROP"));
      }
    }
    return out;
  }

  private static boolean iptables(String... args) {
    List<String> cmd = new ArrayList<>(List.of("iptables", "-w", "-t", "filter"));
    cmd.addAll(List.of(args));
    return Commands.run(cmd).ok();
  }
}
