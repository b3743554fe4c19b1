package dev.berth.engine.stats;

import java.util.List;
import java.util.Map;

/**
 * The resource counters of one container's cgroup, whatever the cgroup version. Each method
 * reads the kernel's files at the time of the call; a missing file reads as zero, because a
 * container may exit between two reads.
 */
public interface CgroupReader {

  /** CPU time in nanoseconds; percpu is empty where the kernel does not count it (v2). */
  record Cpu(long total, List<Long> percpu, long kernel, long user, long periods, long throttledPeriods, long throttledTime) {}

  /** Bytes; limit is 0 when unlimited; stats holds memory.stat as the kernel names its keys. */
  record Memory(long usage, long maxUsage, long failcnt, long limit, Map<String, Long> stats) {}

  /** One row of io_service_bytes_recursive: op is Read/Write (v1) or read/write (v2). */
  record Io(long major, long minor, String op, long value) {}

  /** limit is 0 when unlimited. */
  record Pids(long current, long limit) {}

  Cpu cpu();

  Memory memory();

  List<Io> ioServiceBytes();

  Pids pids();
}
