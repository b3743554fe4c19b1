package dev.berth.engine.images;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The few libc calls that layer unpacking needs and NIO lacks: device nodes (overlay whiteouts
 * are 0:0 character devices), trusted.* xattrs, setuid/setgid/sticky modes, and lchown.
 */
public final class Posix {

  public static final int S_IFCHR = 0020000;
  public static final int S_IFBLK = 0060000;
  public static final int S_IFIFO = 0010000;

  private interface LibC extends Library {
    int mknod(String path, int mode, long dev);

    int chmod(String path, int mode);

    int lchown(String path, int uid, int gid);

    int lsetxattr(String path, String name, byte[] value, long size, int flags);

    int utimensat(int dirfd, String path, long[] times, int flags);

    long lgetxattr(String path, String name, byte[] value, long size);
  }

  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;

  private static final LibC C = Native.load("c", LibC.class);

  private Posix() {}

  public static void mknod(Path path, int type, int mode, int major, int minor) throws IOException {
    long dev =
        ((long) (major & 0xfffff000) << 32)
            | ((major & 0xfffL) << 8)
            | ((long) (minor & 0xffffff00) << 12)
            | (minor & 0xffL);
    check(C.mknod(path.toString(), type | (mode & 07777), dev), "mknod", path);
  }

  public static void chmod(Path path, int mode) throws IOException {
    check(C.chmod(path.toString(), mode & 07777), "chmod", path);
  }

  public static void lchown(Path path, int uid, int gid) throws IOException {
    check(C.lchown(path.toString(), uid, gid), "lchown", path);
  }

  static void lsetxattr(Path path, String name, byte[] value) throws IOException {
    check(C.lsetxattr(path.toString(), name, value, value.length, 0), "setxattr " + name, path);
  }

  static void lsetxattr(Path path, String name, String value) throws IOException {
    lsetxattr(path, name, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sets access and modification time without opening the file (NIO's setTimes opens it,
   * which blocks on a FIFO and may touch a device) and without following a symlink.
   */
  public static void lutimes(Path path, long epochSecond, int nanos) throws IOException {
    long[] times = {epochSecond, nanos, epochSecond, nanos};
    check(C.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW), "utimensat", path);
  }

  /** The value of an xattr that is not a symlink's, or null when unset. */
  static String lgetxattr(Path path, String name) {
    byte[] buf = new byte[256];
    long n = C.lgetxattr(path.toString(), name, buf, buf.length);
    return n < 0 ? null : new String(buf, 0, (int) n, StandardCharsets.UTF_8);
  }

  private static void check(int rc, String call, Path path) throws IOException {
    if (rc != 0) {
      throw new IOException(call + " " + path + ": errno " + Native.getLastError());
    }
  }
}
