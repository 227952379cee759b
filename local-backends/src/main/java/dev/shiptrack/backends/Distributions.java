package dev.shiptrack.backends;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Enumeration;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Server distributions (zips from the local Maven repository) unpacked once into a cache folder and reused:
 * {@code -Dshiptrack.backends.cache=<dir>}, default {@code ~/.cache/shiptrack}. Each version gets its own folder;
 * it is unpacked beside it and moved into place in one step, so concurrent builds never see half a distribution.
 */
final class Distributions {

    /** System property naming the cache folder. */
    static final String CACHE_PROPERTY = "shiptrack.backends.cache";

    private static final Logger LOG = Logger.getLogger(Distributions.class.getName());

    private Distributions() {
    }

    static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        return configured != null && !configured.isBlank()
                ? Path.of(configured).toAbsolutePath()
                : Path.of(System.getProperty("user.home"), ".cache", "shiptrack");
    }

    /** The unpacked distribution {@code zip} (its single top folder stripped), unpacking it on first use. */
    static Path unpacked(String name, String version, Path zip) {
        Path target = cacheRoot().resolve(name + "-" + version);
        if (Files.isDirectory(target)) {
            return target;
        }
        long startedAt = System.nanoTime();
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), "." + name + "-" + version + "-");
            unzip(zip, staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                // another JVM unpacked the same version meanwhile; use theirs
                WorkDirs.deleteRecursively(staging);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
            LOG.info(() -> String.format("Unpacked %s into %s in %d ms", zip.getFileName(), target, took.toMillis()));
            return target;
        } catch (IOException e) {
            WorkDirs.deleteRecursively(staging);
            throw new UncheckedIOException("Cannot unpack " + zip + " into " + target, e);
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            Enumeration<ZipArchiveEntry> entries = file.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                Path destination = destination(into, entry.getName());
                if (destination == null) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.setPosixFilePermissions(destination, permissions(entry.getUnixMode(), false));
                }
            }
        }
        try (var folders = Files.walk(into)) {
            for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(folder, permissions(0755, true));
            }
        }
    }

    /** Where an entry goes once the top folder is stripped; null for the top folder itself. */
    private static Path destination(Path into, String entryName) throws IOException {
        int slash = entryName.indexOf('/');
        String relative = slash < 0 ? "" : entryName.substring(slash + 1);
        if (relative.isEmpty()) {
            return null;
        }
        Path destination = into.resolve(relative).normalize();
        if (!destination.startsWith(into)) {
            throw new IOException("Zip entry outside the target folder: " + entryName);
        }
        return destination;
    }

    /**
     * The entry's own mode made readable by everyone: the cache is shared with the unprivileged user that runs
     * OpenSearch when this JVM runs as root, and the distributions hold no secrets.
     */
    private static Set<PosixFilePermission> permissions(int unixMode, boolean directory) {
        int mode = (unixMode & 0777) | 0644 | (directory || (unixMode & 0100) != 0 ? 0555 : 0);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < bits.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(bits[bit]);
            }
        }
        return permissions;
    }
}
