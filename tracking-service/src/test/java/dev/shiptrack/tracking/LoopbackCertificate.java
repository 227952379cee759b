package dev.shiptrack.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool: a PKCS#12 key store for the server and a
 * PKCS#12 trust store holding only that certificate, for the client.
 */
public record LoopbackCertificate(Path keyStore, Path trustStore, String password) {

    /** Creates both stores in a new temporary folder, valid for two days. */
    public static LoopbackCertificate create() {
        try {
            Path folder = Files.createTempDirectory("loopback-tls");
            LoopbackCertificate certificate = new LoopbackCertificate(folder.resolve("server.p12"),
                    folder.resolve("trust.p12"), UUID.randomUUID().toString());
            Path exported = folder.resolve("server.crt");
            certificate.keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", certificate.keyStore.toString());
            certificate.keytool("-exportcert", "-alias", "server", "-rfc", "-file", exported.toString(),
                    "-keystore", certificate.keyStore.toString());
            certificate.keytool("-importcert", "-noprompt", "-alias", "server", "-file", exported.toString(),
                    "-storetype", "PKCS12", "-keystore", certificate.trustStore.toString());
            return certificate;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trust managers that trust this certificate only, for clients in the test's own JVM. */
    public TrustManager[] trustManagers() {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test trust store", e);
        }
    }

    private void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", password));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
