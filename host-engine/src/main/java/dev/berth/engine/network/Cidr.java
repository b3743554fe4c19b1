package dev.berth.engine.network;

import dev.berth.engine.errors.EngineException;

/** An IPv4 prefix such as 10.88.0.0/16, and the address arithmetic that IPAM needs. */
record Cidr(int address, int prefix) {

  /** Parses "a.b.c.d/n"; the host bits are kept (use {@link #network()} to drop them). */
  static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw EngineException.invalidParameter("invalid CIDR address: " + text);
    }
    try {
      int prefix = Integer.parseInt(text.substring(slash + 1));
      if (prefix < 0 || prefix > 32) {
        throw EngineException.invalidParameter("invalid CIDR address: " + text);
      }
      return new Cidr(parseIp(text.substring(0, slash), text), prefix);
    } catch (NumberFormatException e) {
      throw EngineException.invalidParameter("invalid CIDR address: " + text);
    }
  }

  static int parseIp(String ip, String context) {
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      throw EngineException.invalidParameter("invalid IP address: " + context);
    }
    int out = 0;
    for (String p : parts) {
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
        throw EngineException.invalidParameter("invalid IP address: " + context);
      }
      out = (out << 8) | Integer.parseInt(p);
    }
    return out;
  }

  static String ip(int a) {
    return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
  }

  int mask() {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  Cidr network() {
    return new Cidr(address & mask(), prefix);
  }

  int first() {
    return address & mask();
  }

  int last() {
    return first() | ~mask();
  }

  boolean contains(int a) {
    return (a & mask()) == first();
  }

  boolean overlaps(Cidr o) {
    return contains(o.first()) || o.contains(first());
  }

  @Override
  public String toString() {
    return ip(address) + "/" + prefix;
  }
}
