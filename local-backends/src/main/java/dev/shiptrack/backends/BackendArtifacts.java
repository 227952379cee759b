package dev.shiptrack.backends;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the servers' jars and distributions are: the build of this module writes their paths in the local Maven
 * repository into {@code backend-artifacts.properties}; when that repository moved since, the same coordinates
 * are looked up in {@code maven.repo.local} (default {@code ~/.m2/repository}).
 */
final class BackendArtifacts {

    private static final Properties PROPERTIES = load();

    private BackendArtifacts() {
    }

    static String version(String name) {
        return property(name + ".version");
    }

    static String property(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("backend-artifacts.properties has no value for " + key
                    + "; build local-backends with Maven (./mvnw -pl local-backends -am verify)");
        }
        return value;
    }

    /** The file of a Maven artifact, as recorded at build time or else in the local repository. */
    static Path file(String key, String groupId, String artifactId, String version, String classifier, String type) {
        Path recorded = Path.of(property(key));
        if (Files.isRegularFile(recorded)) {
            return recorded;
        }
        String fileName = artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + type;
        Path inRepository = localRepository().resolve(groupId.replace('.', '/')).resolve(artifactId)
                .resolve(version).resolve(fileName);
        if (Files.isRegularFile(inRepository)) {
            return inRepository;
        }
        throw new IllegalStateException("Neither " + recorded + " nor " + inRepository + " exists; let Maven download "
                + groupId + ":" + artifactId + ":" + version + " (./mvnw -pl local-backends -am verify)");
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BackendArtifacts.class.getResourceAsStream("backend-artifacts.properties")) {
            if (in == null) {
                throw new IllegalStateException("backend-artifacts.properties is missing from the classpath");
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
