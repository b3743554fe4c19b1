package dev.berth.engine.build;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions that only change the image config (ENV, LABEL, USER, EXPOSE, VOLUME,
 * SHELL, STOPSIGNAL, HEALTHCHECK, CMD, ENTRYPOINT): each updates the stage's runtime config and
 * returns the history created_by that dockerd's builder writes for it.
 */
final class MetadataSteps {

  private static final Pattern PORT = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(tcp|udp|sctp))?");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private MetadataSteps() {}

  static String apply(Stage st, Instruction in, Expander x) {
    JsonObject rt = st.runtime;
    switch (in.keyword()) {
      case "env" -> {
        List<String> parts = new ArrayList<>();
        for (String[] kv : pairs(in, x)) {
          st.setEnv(kv[0], kv[1]);
          parts.add(kv[0] + "=" + kv[1]);
        }
        return nop(st) + "ENV " + String.join(" ", parts);
      }
      case "label" -> {
        JsonObject labels = rt.getJsonObject("Labels") == null ? new JsonObject() : rt.getJsonObject("Labels").copy();
        List<String> parts = new ArrayList<>();
        for (String[] kv : pairs(in, x)) {
          labels.put(kv[0], kv[1]);
          parts.add(kv[0] + "=" + kv[1]);
        }
        rt.put("Labels", labels);
        return nop(st) + "LABEL " + String.join(" ", parts);
      }
      case "user" -> {
        String user = x.word(in.rest());
        rt.put("User", user);
        return nop(st) + "USER " + user;
      }
      case "expose" -> {
        List<String> ports = x.words(in.rest());
        JsonObject exposed = rt.getJsonObject("ExposedPorts") == null ? new JsonObject() : rt.getJsonObject("ExposedPorts").copy();
        for (String p : ports) {
          Matcher m = PORT.matcher(p);
          if (!m.matches()) {
            throw new BuildException("Invalid containerPort: " + p);
          }
          int from = Integer.parseInt(m.group(1));
          int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
          String proto = m.group(3) == null ? "tcp" : m.group(3);
          for (int port = from; port <= to; port++) {
            exposed.put(port + "/" + proto, new JsonObject());
          }
        }
        rt.put("ExposedPorts", exposed);
        return nop(st) + "EXPOSE " + String.join(" ", ports);
      }
      case "volume" -> {
        List<String> vols = in.isJson() ? in.json().stream().map(x::word).toList() : x.words(in.rest());
        JsonObject volumes = rt.getJsonObject("Volumes") == null ? new JsonObject() : rt.getJsonObject("Volumes").copy();
        for (String v : vols) {
          if (v.isBlank()) {
            throw new BuildException("VOLUME specified can not be an empty string");
          }
          volumes.put(v.strip(), new JsonObject());
        }
        rt.put("Volumes", volumes);
        return nop(st) + "VOLUME " + GoFormat.plainList(vols);
      }
      case "shell" -> {
        if (!in.isJson() || in.json().isEmpty()) {
          throw new BuildException("SHELL requires the arguments to be in JSON form");
        }
        rt.put("Shell", new JsonArray(new ArrayList<>(in.json())));
        return nop(st) + "SHELL " + GoFormat.plainList(in.json());
      }
      case "stopsignal" -> {
        String sig = x.word(in.rest());
        if (!sig.matches("(SIG)?[A-Z][A-Z0-9+-]*|\\d+")) {
          throw new BuildException("Invalid signal: " + sig);
        }
        rt.put("StopSignal", sig);
        return nop(st) + "STOPSIGNAL " + sig;
      }
      case "cmd" -> {
        List<String> cmd = command(st, in);
        rt.put("Cmd", new JsonArray(new ArrayList<>(cmd)));
        st.cmdSet = true;
        return nop(st) + "CMD " + GoFormat.quotedList(cmd);
      }
      case "entrypoint" -> {
        List<String> ep = command(st, in);
        rt.put("Entrypoint", new JsonArray(new ArrayList<>(ep)));
        if (!st.cmdSet) {
          rt.putNull("Cmd");
        }
        return nop(st) + "ENTRYPOINT " + GoFormat.quotedList(ep);
      }
      case "healthcheck" -> {
        String hc = healthcheck(st, in);
        return nop(st) + "HEALTHCHECK " + hc;
      }
      default -> throw new IllegalArgumentException(in.keyword());
    }
  }

  /** Evaluated after the step's change, so that SHELL's own entry already names the new shell, as dockerd's does. */
  private static String nop(Stage st) {
    return st.nop() + " ";
  }

  /** Shell form: the stage's SHELL plus the text; exec form: the strings. */
  static List<String> command(Stage st, Instruction in) {
    if (in.isJson()) {
      return in.json();
    }
    List<String> out = new ArrayList<>(st.shell());
    out.add(in.rest());
    return out;
  }

  /** KEY=VALUE pairs, or the old "KEY value with spaces" form. */
  private static List<String[]> pairs(Instruction in, Expander x) {
    List<String> words = x.words(in.rest());
    List<String[]> out = new ArrayList<>();
    if (!words.isEmpty() && !words.get(0).contains("=")) {
      String raw = in.rest();
      int sp = 0;
      while (sp < raw.length() && !Character.isWhitespace(raw.charAt(sp))) {
        sp++;
      }
      String value = raw.substring(sp).strip();
      if (value.isEmpty()) {
        throw new BuildException(in.keyword().toUpperCase() + " must have two arguments");
      }
      out.add(new String[] {words.get(0), x.word(value)});
      return out;
    }
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        throw new BuildException("Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value");
      }
      out.add(new String[] {w.substring(0, eq), w.substring(eq + 1)});
    }
    return out;
  }

  private static String healthcheck(Stage st, Instruction in) {
    String rest = in.rest().strip();
    String kind = rest.split("\\s+", 2)[0].toUpperCase();
    JsonObject hc = new JsonObject();
    List<String> test;
    if (kind.equals("NONE")) {
      if (!in.flags().isEmpty() || !rest.equalsIgnoreCase("NONE")) {
        throw new BuildException("HEALTHCHECK NONE takes no arguments");
      }
      test = List.of("NONE");
    } else if (kind.equals("CMD")) {
      String cmd = rest.substring(3).strip();
      if (cmd.isEmpty()) {
        throw new BuildException("Missing command after HEALTHCHECK CMD");
      }
      test = new ArrayList<>();
      List<String> json = cmd.startsWith("[") ? jsonStrings(cmd) : null;
      if (json != null) {
        test.add("CMD");
        test.addAll(json);
      } else {
        test.add("CMD-SHELL");
        test.add(cmd);
      }
    } else {
      throw new BuildException("Unknown type \"" + kind + "\" in HEALTHCHECK (try CMD)");
    }
    hc.put("Test", new JsonArray(new ArrayList<>(test)));
    long interval = 0;
    long timeout = 0;
    long start = 0;
    int retries = 0;
    for (Map.Entry<String, String> f : in.flags().entrySet()) {
      switch (f.getKey()) {
        case "interval" -> interval = duration(f);
        case "timeout" -> timeout = duration(f);
        case "start-period" -> start = duration(f);
        case "retries" -> {
          try {
            retries = Integer.parseInt(f.getValue());
          } catch (NumberFormatException e) {
            throw new BuildException("invalid value for --retries: " + f.getValue());
          }
          if (retries < 1) {
            throw new BuildException("--retries cannot be 0");
          }
        }
        default -> throw new BuildException("Unknown flag: " + f.getKey());
      }
    }
    if (interval > 0) {
      hc.put("Interval", interval);
    }
    if (timeout > 0) {
      hc.put("Timeout", timeout);
    }
    if (start > 0) {
      hc.put("StartPeriod", start);
    }
    if (retries > 0) {
      hc.put("Retries", retries);
    }
    st.runtime.put("Healthcheck", hc);
    return "&{" + GoFormat.quotedList(test) + " " + GoFormat.quote(GoFormat.duration(interval)) + " "
        + GoFormat.quote(GoFormat.duration(timeout)) + " " + GoFormat.quote(GoFormat.duration(start)) + " "
        + GoFormat.quoteRune(retries) + "}";
  }

  private static List<String> jsonStrings(String text) {
    try {
      List<String> out = new ArrayList<>();
      for (Object o : new JsonArray(text)) {
        if (!(o instanceof String s)) {
          return null;
        }
        out.add(s);
      }
      return out;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /** A Go duration ("30s", "1m30s", "500ms"); dockerd refuses anything under 1ms except 0. */
  private static long duration(Map.Entry<String, String> flag) {
    String v = flag.getValue();
    Matcher m = DURATION.matcher(v);
    double total = 0;
    int pos = 0;
    while (m.find() && m.start() == pos) {
      double n = Double.parseDouble(m.group(1));
      total += n * switch (m.group(2)) {
        case "ns" -> 1;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      pos = m.end();
    }
    if (v.isEmpty() || pos != v.length() && !v.equals("0")) {
      throw new BuildException("invalid value for --" + flag.getKey() + ": time: invalid duration \"" + v + "\"");
    }
    long ns = (long) total;
    if (ns != 0 && ns < 1_000_000) {
      throw new BuildException("Interval \"" + flag.getKey() + "\" cannot be less than 1ms");
    }
    return ns;
  }
}
