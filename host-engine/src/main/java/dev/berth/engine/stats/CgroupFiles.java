package dev.berth.engine.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the kernel's cgroup files: numbers, "max", and "key value" tables. */
final class CgroupFiles {

  private CgroupFiles() {}

  static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** A single number; "max" and unreadable files are 0. */
  static long number(Path file) {
    String s = read(file);
    try {
      return s.isEmpty() || s.equals("max") ? 0 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Lines "key value" (memory.stat, cpu.stat, cpuacct.stat). */
  static Map<String, Long> table(Path file) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : read(file).split("\n")) {
      String[] kv = line.strip().split("\\s+");
      if (kv.length == 2) {
        try {
          out.put(kv[0], Long.parseLong(kv[1]));
        } catch (NumberFormatException e) {
          // not a counter
        }
      }
    }
    return out;
  }

  /** Space-separated numbers (cpuacct.usage_percpu). */
  static List<Long> numbers(Path file) {
    List<Long> out = new ArrayList<>();
    for (String s : read(file).split("\\s+")) {
      if (!s.isEmpty()) {
        try {
          out.add(Long.parseLong(s));
        } catch (NumberFormatException e) {
          return out;
        }
      }
    }
    return out;
  }
}
