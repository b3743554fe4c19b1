package dev.berth.engine.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks a tar (plain, gzip, bzip2 or xz) into a folder of a root filesystem: the build
 * context, or a local archive that ADD extracts. Entry paths and link targets resolve inside
 * the root, so an archive can neither climb out with ".." nor write through a link.
 */
final class TarExtract {

  private TarExtract() {}

  /** The uncompressed stream, or null when {@code in} is not a tar archive (ADD copies it as a file then). */
  static InputStream openArchive(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    b.mark(8);
    byte[] head = b.readNBytes(6);
    b.reset();
    InputStream plain;
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      plain = new GZIPInputStream(b, 1 << 16);
    } else if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
      plain = new BZip2CompressorInputStream(b, true);
    } else if (head.length >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X') {
      plain = new XZCompressorInputStream(b, true);
    } else {
      plain = b;
    }
    BufferedInputStream t = new BufferedInputStream(plain, 1 << 16);
    t.mark(512);
    byte[] header = t.readNBytes(512);
    t.reset();
    return header.length == 512 && TarArchiveInputStream.matches(header, header.length) ? t : null;
  }

  /**
   * Extracts the tar {@code in} into {@code dir} (a path relative to {@code root}); entries keep
   * their owners unless {@code owner} is given.
   */
  static void extract(InputStream in, Path root, String dir, FileCopy.Owner owner) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8");
    TarArchiveEntry e;
    while ((e = tar.getNextEntry()) != null) {
      String name = ConfinedPath.clean(e.getName());
      if (name == null) {
        throw new IOException("invalid archive entry outside the target: " + e.getName());
      }
      if (name.isEmpty()) {
        continue;
      }
      int slash = name.lastIndexOf('/');
      Path parent = ConfinedPath.resolve(root, dir + "/" + (slash < 0 ? "" : name.substring(0, slash)), true);
      FileCopy.mkdirs(parent, null);
      Path target = parent.resolve(name.substring(slash + 1));
      FileCopy.Owner own = owner != null ? owner : new FileCopy.Owner((int) e.getLongUserId(), (int) e.getLongGroupId());
      int mode = e.getMode() & 07777;
      if (e.isDirectory()) {
        if (FileCopy.ensureDir(target, mode)) {
          FileCopy.own(target, own);
        }
        continue;
      }
      FileCopy.replaceNonDir(target);
      if (e.isSymbolicLink()) {
        Files.createSymbolicLink(target, Path.of(e.getLinkName()));
      } else if (e.isLink()) {
        String link = ConfinedPath.clean(e.getLinkName());
        Path source = link == null ? null : ConfinedPath.resolve(root, dir + "/" + link, false);
        if (source == null || !Files.isRegularFile(source, FileCopy.NOFOLLOW)) {
          throw new IOException("invalid hard link in archive: " + e.getName() + " -> " + e.getLinkName());
        }
        Files.createLink(target, source);
        continue;
      } else if (e.isFile()) {
        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setAttribute(target, "unix:mode", mode, FileCopy.NOFOLLOW);
        Files.setLastModifiedTime(target, FileTime.fromMillis(e.getModTime().getTime()));
      } else {
        continue; // devices and fifos have no place in a build
      }
      FileCopy.own(target, own);
    }
  }
}
