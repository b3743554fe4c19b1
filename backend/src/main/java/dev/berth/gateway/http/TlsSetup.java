package dev.berth.gateway.http;

import dev.berth.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Logger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Server options for the listener. Plain HTTP only on loopback or when explicitly allowed;
 * otherwise TLS with the configured PEM pair, or a self-signed pair generated on first start
 * into {@code <dataDir>/tls/} and reused afterwards.
 */
public final class TlsSetup {
  private static final Logger LOG = Logger.getLogger(TlsSetup.class.getName());

  private TlsSetup() {}

  public static HttpServerOptions serverOptions(GatewayConfig config) throws IOException {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.listenHost())
        .setPort(config.listenPort())
        .setCompressionSupported(true)
        // No h2c upgrade: browsers never use it, and the JDK client's upgrade of larger
        // responses intermittently stalled against it. HTTP/1.1 (and TLS) only.
        .setHttp2ClearTextEnabled(false);
    if (!config.usesTls()) {
      return options;
    }
    Path cert = config.tlsCert();
    Path key = config.tlsKey();
    if (cert == null) {
      Path dir = config.dataDir().resolve("tls");
      cert = dir.resolve("gateway.crt");
      key = dir.resolve("gateway.key");
      if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
        generateSelfSigned(dir, cert, key, config.listenHost());
        LOG.info("generated a self-signed TLS certificate: " + cert);
      }
    }
    return options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
        .setCertPath(cert.toString())
        .setKeyPath(key.toString()));
  }

  private static void generateSelfSigned(Path dir, Path certFile, Path keyFile, String host) throws IOException {
    try {
      Files.createDirectories(dir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256, new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=berth-gateway");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(825))), subject, pair.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(host));
      X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      Path keyTmp = dir.resolve("gateway.key.tmp");
      Files.deleteIfExists(keyTmp);
      Files.createFile(keyTmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(keyTmp, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null).generate()));
      Files.writeString(certFile, pem(holder));
      Files.move(keyTmp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot generate a self-signed certificate: " + e.getMessage(), e);
    }
  }

  private static GeneralNames subjectAltNames(String host) throws IOException {
    java.util.List<GeneralName> names = new java.util.ArrayList<>();
    names.add(new GeneralName(GeneralName.dNSName, "localhost"));
    names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    String hostname = InetAddress.getLocalHost().getHostName();
    names.add(new GeneralName(GeneralName.dNSName, hostname));
    if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("localhost") && !host.equals("127.0.0.1")) {
      boolean ip = host.matches("[0-9.]+") || host.contains(":");
      names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
