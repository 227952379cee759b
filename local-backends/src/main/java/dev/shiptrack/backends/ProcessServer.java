package dev.shiptrack.backends;

import java.net.URI;
import java.nio.file.Path;

/** A server that is a child process of this JVM, with the temporary folder it may have been given. */
abstract class ProcessServer implements LocalServer {

    private final ChildProcess process;
    private final URI endpoint;
    private final Path temporaryDir;

    /**
     * @param temporaryDir the folder made for this server alone, deleted on close; {@code null} when the caller
     *     gave the folder
     */
    ProcessServer(ChildProcess process, URI endpoint, Path temporaryDir) {
        this.process = process;
        this.endpoint = endpoint;
        this.temporaryDir = temporaryDir;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public ProcessHandle process() {
        return process.handle();
    }

    @Override
    public void close() {
        process.close();
        WorkDirs.deleteRecursively(temporaryDir);
    }
}
