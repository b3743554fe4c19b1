package dev.berth.engine.images;

import dev.berth.engine.util.AtomicFiles;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Layers by chainID. Each layer keeps its uncompressed tar (for save) under
 * image/layers/&lt;chainid-hex&gt;/ and is unpacked once into overlay/&lt;chainid-hex&gt;/diff.
 * A layer exists once its layer.json exists: it is written last, after both renames, so a
 * kill -9 midway leaves only temp folders that the next registration clears.
 */
final class LayerStore {

  /** One stored layer; {@code parent} is the parent's chainID or null for a base layer. */
  record Layer(String chainId, String diffId, String parent, long size) {}

  private final Path layersDir;
  private final Path overlayDir;
  private final Path tmpDir;
  private final Map<String, Integer> pins = new HashMap<>();

  LayerStore(Path imageRoot, Path overlayRoot) throws IOException {
    this.layersDir = imageRoot.resolve("layers");
    this.overlayDir = overlayRoot;
    this.tmpDir = imageRoot.resolve("tmp");
    Files.createDirectories(layersDir);
    Files.createDirectories(overlayDir);
    // leftovers of operations that a crash interrupted
    FileTrees.delete(tmpDir);
    Files.createDirectories(tmpDir);
    try (var s = Files.list(overlayDir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.getFileName().toString().startsWith(".tmp-")) {
          FileTrees.delete(p);
        }
      }
    }
  }

  /** chainID(L1) = diffID(L1); chainID(Ln) = sha256(chainID(Ln-1) + " " + diffID(Ln)). */
  static String chainId(String parentChainId, String diffId) {
    if (parentChainId == null) {
      return diffId;
    }
    return Ids.digest((parentChainId + " " + diffId).getBytes(StandardCharsets.UTF_8));
  }

  static String hex(String digest) {
    return digest.substring(digest.indexOf(':') + 1);
  }

  synchronized Layer get(String chainId) {
    Path meta = layersDir.resolve(hex(chainId)).resolve("layer.json");
    try {
      if (!Files.exists(meta)) {
        return null;
      }
      JsonObject j = new JsonObject(Files.readString(meta));
      return new Layer(chainId, j.getString("diffId"), j.getString("parent"), j.getLong("size"));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  Path diffDir(String chainId) {
    return overlayDir.resolve(hex(chainId)).resolve("diff");
  }

  Path tarFile(String chainId) {
    return layersDir.resolve(hex(chainId)).resolve("layer.tar");
  }

  /** A last check of a layer's source once its tar was read, before it is stored; throws to store nothing. */
  interface SourceCheck {
    void verify() throws IOException;
  }

  /**
   * Stores the uncompressed layer tar read from {@code in} on top of {@code parent} (a chainID
   * or null). When {@code expectedDiffId} is given, a mismatch is an error and stores nothing.
   * The returned layer is pinned: garbage collection keeps it until {@link #unpin}.
   */
  Layer register(InputStream in, String parent, String expectedDiffId) throws IOException {
    return register(in, parent, expectedDiffId, () -> {});
  }

  /** As above; {@code check} runs after the tar was read and its diffID checked, before anything is stored. */
  Layer register(InputStream in, String parent, String expectedDiffId, SourceCheck check) throws IOException {
    if (parent != null && get(parent) == null) {
      throw new IOException("parent layer " + parent + " is missing");
    }
    String rnd = Ids.random64().substring(0, 16);
    Path work = tmpDir.resolve(rnd);
    Path unpacked = overlayDir.resolve(".tmp-" + rnd);
    try {
      Files.createDirectories(work);
      Files.createDirectories(unpacked.resolve("diff"));
      MessageDigest sha = Ids.sha256();
      long size;
      try (OutputStream tarCopy = new BufferedOutputStream(Files.newOutputStream(work.resolve("layer.tar")), 1 << 16);
          InputStream tee = new Tee(in, sha, tarCopy)) {
        size = TarUnpacker.unpack(tee, unpacked.resolve("diff"));
        // the digest covers the whole stream, including the tar's end padding
        tee.transferTo(OutputStream.nullOutputStream());
      }
      String diffId = "sha256:" + HexFormat.of().formatHex(sha.digest());
      if (expectedDiffId != null && !expectedDiffId.equals(diffId)) {
        throw new IOException("invalid diffID for layer: expected " + expectedDiffId + ", got " + diffId);
      }
      check.verify();
      String chain = chainId(parent, diffId);
      synchronized (this) {
        Layer existing = get(chain);
        if (existing != null) {
          pin(chain);
          return existing;
        }
        Path finalOverlay = overlayDir.resolve(hex(chain));
        FileTrees.delete(finalOverlay);
        Files.move(unpacked, finalOverlay, StandardCopyOption.ATOMIC_MOVE);
        JsonObject meta = new JsonObject().put("diffId", diffId).put("parent", parent).put("size", size);
        AtomicFiles.writeString(work.resolve("layer.json"), meta.encode());
        Path finalMeta = layersDir.resolve(hex(chain));
        FileTrees.delete(finalMeta);
        Files.move(work, finalMeta, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.fsyncDirectory(layersDir);
        pin(chain);
        return new Layer(chain, diffId, parent, size);
      }
    } finally {
      FileTrees.delete(work);
      FileTrees.delete(unpacked);
    }
  }

  /** Pins a stored layer (see {@link #pin}); false when there is no such layer. */
  synchronized boolean pinIfPresent(String chainId) {
    if (get(chainId) == null) {
      return false;
    }
    pin(chainId);
    return true;
  }

  /** Keeps a layer from garbage collection while an image that will use it is being written. */
  synchronized void pin(String chainId) {
    pins.merge(chainId, 1, Integer::sum);
  }

  synchronized void unpin(String chainId) {
    pins.computeIfPresent(chainId, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** Deletes a layer unless pinned (false then): metadata first, so a crash leaves no half-layer visible. */
  synchronized boolean delete(String chainId) throws IOException {
    if (pins.containsKey(chainId)) {
      return false;
    }
    Path meta = layersDir.resolve(hex(chainId));
    Path trash = tmpDir.resolve("del-" + hex(chainId));
    if (Files.exists(meta)) {
      Files.move(meta, trash, StandardCopyOption.ATOMIC_MOVE);
      FileTrees.delete(trash);
    }
    FileTrees.delete(overlayDir.resolve(hex(chainId)));
    return true;
  }

  /** Every stored layer's chainID. */
  synchronized java.util.Set<String> all() throws IOException {
    java.util.Set<String> out = new java.util.HashSet<>();
    try (var s = Files.list(layersDir)) {
      s.forEach(p -> out.add("sha256:" + p.getFileName()));
    }
    return out;
  }

  /** Copies what is read into a digest and a file. */
  private static final class Tee extends FilterInputStream {
    private final MessageDigest digest;
    private final OutputStream copy;

    Tee(InputStream in, MessageDigest digest, OutputStream copy) {
      super(in);
      this.digest = digest;
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        digest.update((byte) b);
        copy.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (n > 0) {
        digest.update(buf, off, n);
        copy.write(buf, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[8192];
      long done = 0;
      while (done < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - done));
        if (r < 0) {
          break;
        }
        done += r;
      }
      return done;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void close() throws IOException {
      // the caller owns the underlying stream
    }
  }
}
