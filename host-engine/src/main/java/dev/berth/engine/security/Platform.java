package dev.berth.engine.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine as seccomp profiles name it: Go's architecture name, libseccomp's, and the kernel release. */
public record Platform(String goArch, String seccompArch, int kernelMajor, int kernelMinor) {

  public static Platform current() {
    String arch = System.getProperty("os.arch");
    String go;
    String scmp;
    switch (arch) {
      case "amd64", "x86_64" -> { go = "amd64"; scmp = "SCMP_ARCH_X86_64"; }
      case "aarch64", "arm64" -> { go = "arm64"; scmp = "SCMP_ARCH_AARCH64"; }
      case "ppc64le" -> { go = "ppc64le"; scmp = "SCMP_ARCH_PPC64LE"; }
      case "s390x" -> { go = "s390x"; scmp = "SCMP_ARCH_S390X"; }
      case "riscv64" -> { go = "riscv64"; scmp = "SCMP_ARCH_RISCV64"; }
      default -> { go = arch; scmp = "SCMP_ARCH_NATIVE"; }
    }
    int[] kernel = parseRelease(readRelease());
    return new Platform(go, scmp, kernel[0], kernel[1]);
  }

  /** True when the kernel is at least "major.minor" (a malformed version counts as met). */
  public boolean kernelAtLeast(String version) {
    int[] wanted = parseRelease(version);
    return kernelMajor != wanted[0] ? kernelMajor > wanted[0] : kernelMinor >= wanted[1];
  }

  static int[] parseRelease(String release) {
    String[] parts = release.split("[.-]");
    try {
      return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
    } catch (NumberFormatException e) {
      return new int[] {0, 0};
    }
  }

  private static String readRelease() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
    } catch (IOException e) {
      return System.getProperty("os.version", "0.0");
    }
  }
}
