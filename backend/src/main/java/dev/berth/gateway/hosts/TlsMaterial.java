package dev.berth.gateway.hosts;

import com.github.dockerjava.core.util.CertificateUtils;
import com.github.dockerjava.transport.SSLConfig;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;

/**
 * TLS client material for a tcp:// engine, as PEM text. ca verifies the engine (the JDK's
 * trust store when absent); cert and key authenticate the gateway (both or neither).
 */
public record TlsMaterial(String ca, String cert, String key) {

  public TlsMaterial {
    ca = blankToNull(ca);
    cert = blankToNull(cert);
    key = blankToNull(key);
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("tls.cert and tls.key must be given together");
    }
  }

  /** Parses the PEM text once, so a bad certificate is reported when the host is added. */
  public SSLConfig sslConfig() {
    // docker-java's PEM reader asks for the "BC" provider by name
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      KeyManagerFactory kmf = null;
      if (cert != null) {
        KeyStore keys = CertificateUtils.createKeyStore(key, cert);
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "docker".toCharArray());
      }
      TrustManagerFactory tmf = null;
      if (ca != null) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(CertificateUtils.createTrustStore(ca));
      }
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return () -> context;
    } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("invalid TLS material: " + describe(e), e);
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
