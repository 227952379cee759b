package dev.shiptrack.localrun.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code ./local-run}.
 *
 * @param dataDir   where every server keeps its data between runs ({@code .local-run/} by default)
 * @param fresh     delete the data folder first, so the run starts from an empty system with the demo data only
 * @param freePorts pick free ports instead of the documented ones (8080, 8081, 8180, 4566), for tests and busy machines
 */
public record LocalRunOptions(Path dataDir, boolean fresh, boolean freePorts) {

    public static final String USAGE = """
            Usage: ./local-run [--fresh] [--free-ports] [--data-dir DIR]
              --fresh          delete the data folder first and start from the demo data only
              --free-ports     use free ports instead of 8080, 8081, 8180 and 4566 (the ready line prints them)
              --data-dir DIR   keep the data in DIR instead of .local-run/
            """;

    /** Parses the arguments; throws {@link IllegalArgumentException} with a readable message on anything unknown. */
    public static LocalRunOptions parse(List<String> args, Path projectRoot) {
        Path dataDir = projectRoot.resolve(".local-run");
        boolean fresh = false;
        boolean freePorts = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--fresh" -> fresh = true;
                case "--free-ports" -> freePorts = true;
                case "--data-dir" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--data-dir needs a folder");
                    }
                    dataDir = projectRoot.resolve(args.get(++i));
                }
                default -> throw new IllegalArgumentException("Unknown option " + args.get(i));
            }
        }
        return new LocalRunOptions(dataDir.toAbsolutePath().normalize(), fresh, freePorts);
    }
}
