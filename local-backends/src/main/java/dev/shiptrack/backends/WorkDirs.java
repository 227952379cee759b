package dev.shiptrack.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Working folders: the caller's (kept between runs) or a temporary one (deleted when the server stops). */
final class WorkDirs {

    private WorkDirs() {
    }

    static Path createOrTemp(Path dir, String prefix) {
        try {
            return dir == null ? Files.createTempDirectory(prefix) : Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the working folder " + (dir == null ? prefix : dir), e);
        }
    }

    /** Deletes {@code dir} when {@link #createOrTemp} made it for a {@code null} request (a failed start). */
    static void deleteIfTemporary(Path requested, Path dir) {
        if (requested == null) {
            deleteRecursively(dir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path visited, IOException e) throws IOException {
                    Files.delete(visited);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
