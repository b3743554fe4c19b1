package dev.berth.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both cgroup readers over files shaped as the kernel writes them. */
class CgroupReadersTest {

  @Test
  void v1ReadsEachControllersFiles(@TempDir Path dir) throws IOException {
    Path cpu = Files.createDirectories(dir.resolve("cpu"));
    Path cpuacct = Files.createDirectories(dir.resolve("cpuacct"));
    Path memory = Files.createDirectories(dir.resolve("memory"));
    Path blkio = Files.createDirectories(dir.resolve("blkio"));
    Path pids = Files.createDirectories(dir.resolve("pids"));
    Files.writeString(cpuacct.resolve("cpuacct.usage"), "123456789\n");
    Files.writeString(cpuacct.resolve("cpuacct.usage_percpu"), "100000000 23456789 \n");
    Files.writeString(cpuacct.resolve("cpuacct.stat"), "user 7\nsystem 3\n");
    Files.writeString(cpu.resolve("cpu.stat"), "nr_periods 10\nnr_throttled 4\nthrottled_time 5000\n");
    Files.writeString(memory.resolve("memory.usage_in_bytes"), "4096000\n");
    Files.writeString(memory.resolve("memory.max_usage_in_bytes"), "5000000\n");
    Files.writeString(memory.resolve("memory.failcnt"), "2\n");
    Files.writeString(memory.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
    Files.writeString(memory.resolve("memory.stat"), "cache 4096\ntotal_inactive_file 8192\n");
    Files.writeString(blkio.resolve("blkio.throttle.io_service_bytes_recursive"),
        "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\n8:0 Async 12288\n8:0 Total 12288\nTotal 12288\n");
    Files.writeString(pids.resolve("pids.current"), "3\n");
    Files.writeString(pids.resolve("pids.max"), "max\n");
    CgroupReader r = new CgroupV1Reader(Map.of("cpu", cpu, "cpuacct", cpuacct, "memory", memory, "blkio", blkio, "pids", pids));

    assertEquals(new CgroupReader.Cpu(123456789, List.of(100000000L, 23456789L), 30_000_000, 70_000_000, 10, 4, 5000), r.cpu());
    CgroupReader.Memory m = r.memory();
    assertEquals(4096000, m.usage());
    assertEquals(0, m.limit(), "the kernel's 'no limit' reads as unlimited");
    assertEquals(8192L, m.stats().get("total_inactive_file"));
    assertEquals(new CgroupReader.Io(8, 0, "Read", 4096), r.ioServiceBytes().get(0));
    assertEquals(5, r.ioServiceBytes().size(), "the closing Total line is no device row");
    assertEquals(new CgroupReader.Pids(3, 0), r.pids());
  }

  @Test
  void v2ReadsTheUnifiedFolder(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("cpu.stat"),
        "usage_usec 2000\nuser_usec 1500\nsystem_usec 500\nnr_periods 7\nnr_throttled 1\nthrottled_usec 30\n");
    Files.writeString(dir.resolve("memory.current"), "1048576\n");
    Files.writeString(dir.resolve("memory.max"), "67108864\n");
    Files.writeString(dir.resolve("memory.stat"), "anon 4096\ninactive_file 1024\n");
    Files.writeString(dir.resolve("io.stat"), "8:0 rbytes=1024 wbytes=2048 rios=1 wios=2 dbytes=0 dios=0\n");
    Files.writeString(dir.resolve("pids.current"), "2\n");
    Files.writeString(dir.resolve("pids.max"), "100\n");
    CgroupReader r = new CgroupV2Reader(dir);

    assertEquals(new CgroupReader.Cpu(2_000_000, List.of(), 500_000, 1_500_000, 7, 1, 30_000), r.cpu());
    assertEquals(67108864, r.memory().limit());
    assertEquals(1048576, r.memory().usage());
    assertEquals(List.of(new CgroupReader.Io(8, 0, "read", 1024), new CgroupReader.Io(8, 0, "write", 2048)), r.ioServiceBytes());
    assertEquals(new CgroupReader.Pids(2, 100), r.pids());
  }
}
