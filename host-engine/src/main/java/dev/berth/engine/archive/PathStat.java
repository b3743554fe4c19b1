package dev.berth.engine.archive;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Base64;
import java.util.Map;

/** The X-Docker-Container-Path-Stat header: base64 of {name,size,mode,mtime,linkTarget}, mode as Go's FileMode. */
record PathStat(String name, long size, long mode, String mtime, String linkTarget) {

  static final String HEADER = "X-Docker-Container-Path-Stat";

  static PathStat of(Path host, String name, String linkTarget) throws IOException {
    Map<String, Object> a = Files.readAttributes(host, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    int unix = (Integer) a.get("mode");
    return new PathStat(name, (Long) a.get("size"), goMode(unix), ((FileTime) a.get("lastModifiedTime")).toInstant().toString(),
        linkTarget);
  }

  /** Unix st_mode to Go's os.FileMode bits, which the CLI decodes. */
  static long goMode(int unix) {
    long go = unix & 0777;
    if ((unix & 04000) != 0) {
      go |= 1L << 23;
    }
    if ((unix & 02000) != 0) {
      go |= 1L << 22;
    }
    if ((unix & 01000) != 0) {
      go |= 1L << 20;
    }
    switch (unix & 0170000) {
      case 0040000 -> go |= 1L << 31;
      case 0120000 -> go |= 1L << 27;
      case 0010000 -> go |= 1L << 25;
      case 0140000 -> go |= 1L << 24;
      case 0060000 -> go |= 1L << 26;
      case 0020000 -> go |= (1L << 26) | (1L << 21);
      default -> { }
    }
    return go;
  }

  boolean isDir() {
    return (mode & (1L << 31)) != 0;
  }

  String header() {
    JsonObject j = new JsonObject().put("name", name).put("size", size).put("mode", mode).put("mtime", mtime)
        .put("linkTarget", linkTarget);
    return Base64.getEncoder().encodeToString(j.encode().getBytes(StandardCharsets.UTF_8));
  }
}
