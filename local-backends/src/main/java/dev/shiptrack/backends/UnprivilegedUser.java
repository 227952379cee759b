package dev.shiptrack.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs a server that refuses root (OpenSearch) as a system user when this JVM runs as root, as CI does: the user
 * is created once, owns the server's working folder, and may traverse the folders above it and the cache.
 */
final class UnprivilegedUser {

    private static final Logger LOG = Logger.getLogger(UnprivilegedUser.class.getName());

    private final String name;

    private UnprivilegedUser(String name) {
        this.name = name;
    }

    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The system user {@code name}, created when missing (idempotent, also under concurrent starts). */
    static UnprivilegedUser ensure(String name) {
        if (run(List.of("id", "-u", name)) != 0) {
            int created = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name));
            if (created != 0 && run(List.of("id", "-u", name)) != 0) {
                throw new IllegalStateException("Cannot create the system user " + name + " (useradd exit code "
                        + created + "); it is needed to run OpenSearch, which refuses to run as root");
            }
        }
        return new UnprivilegedUser(name);
    }

    String name() {
        return name;
    }

    /** Gives {@code dir} and everything in it to this user. */
    void own(Path dir) {
        int exit = run(List.of("chown", "-R", name + ":" + name, dir.toAbsolutePath().toString()));
        if (exit != 0) {
            throw new IllegalStateException("chown -R " + name + " " + dir + " failed with exit code " + exit);
        }
    }

    /**
     * Lets other users traverse (not list) every folder above {@code path}: a server started as this user cannot
     * reach a folder under {@code /root} (mode 700) otherwise.
     */
    void allowTraversalTo(Path path) {
        for (Path folder = path.toAbsolutePath().getParent(); folder != null; folder = folder.getParent()) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
                if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
                    Files.setPosixFilePermissions(folder, permissions);
                    Path changed = folder;
                    LOG.info(() -> "Allowed other users to traverse " + changed + " (for the " + name + " user)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot let " + name + " traverse " + folder, e);
            }
        }
    }

    /** {@code command} run as this user, with its supplementary groups and without any privilege of root. */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + name, "--regid=" + name,
                "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }
}
