package dev.berth.gateway.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.berth.gateway.http.ApiError;
import java.nio.charset.StandardCharsets;

/** bcrypt hashing with the configured minimum length. CPU-heavy: call on worker threads. */
public final class PasswordHasher {
  private static final int COST = 10;
  /** bcrypt only reads 72 bytes; longer passwords would silently lose their tail. */
  private static final int MAX_BYTES = 72;
  /** Compared against when the user does not exist, so both cases take the same time. */
  private static final String DUMMY_HASH = BCrypt.withDefaults().hashToString(COST, "berth-dummy-password".toCharArray());

  private final int minLength;

  public PasswordHasher(int minLength) {
    this.minLength = minLength;
  }

  /** Fails with 400 and a message when the password is too short or too long. */
  public void validate(String password) {
    if (password == null || password.codePointCount(0, password.length()) < minLength) {
      throw ApiError.badRequest("password must be at least " + minLength + " characters long");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw ApiError.badRequest("password must be at most " + MAX_BYTES + " bytes long");
    }
  }

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  /** True when the password matches; with a null hash it still spends a bcrypt round. */
  public boolean matches(String password, String hash) {
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      bytes = java.util.Arrays.copyOf(bytes, MAX_BYTES);
    }
    boolean verified = BCrypt.verifyer().verify(bytes, (hash != null ? hash : DUMMY_HASH).getBytes(StandardCharsets.UTF_8)).verified;
    return hash != null && verified;
  }
}
