package dev.shiptrack.localrun.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of {@code ./local-run}.
 *
 * @param dataDir where every server keeps its data between runs ({@code .local-run/} by default)
 * @param fresh   delete the data folder first, so the run starts from an empty system with the demo data only
 * @param ports   the ports of the services, Keycloak, the edge and the web console: the documented ones (8080, 8081,
 *                8082, 8180, 4566, 8083),
 *                free ones ({@code --free-ports}) or the given ones ({@code --ports})
 * @param nativeExecutables start the services' native executables instead of their JVM jars ({@code --native})
 * @param rateLimits  per-tier rate limits on ({@code --no-rate-limits} switches them off, for load tests of the path)
 * @param backendsOnly start the backends and the edge but not the services, which then run in Quarkus dev mode
 *                     ({@code --backends-only}; docs/local-run.md, "Live coding")
 */
public record LocalRunOptions(Path dataDir, boolean fresh, PortPlan ports, boolean nativeExecutables,
                              boolean rateLimits, boolean backendsOnly) {

    public static final String USAGE = """
            Usage: ./local-run [--fresh] [--free-ports | --ports SHIPMENT,TRACKING,TENANT,KEYCLOAK,EDGE,CONSOLE] [--data-dir DIR] [--native] [--no-rate-limits]
                         [--backends-only]
              --fresh          delete the data folder first and start from the demo data only
              --free-ports     use free ports instead of 8080, 8081, 8082, 8180, 4566 and 8083 (the ready line prints them)
              --ports P1,P2,P3,P4,P5,P6  use these ports for shipment-service, tracking-service, tenant-service,
                               Keycloak, the AWS edge and the web console
              --data-dir DIR   keep the data in DIR instead of .local-run/
              --native         run the services' native executables (./local-run builds them first when missing)
              --no-rate-limits switch the per-tier rate limits off (benchmarks and load tests of the request path)
              --backends-only  start Keycloak, PostgreSQL and the AWS edge with its backends but not the services, and
                               print the ./mvnw ... quarkus:dev command of each (live coding; not with --native)
            """;

    /** Parses the arguments; throws {@link IllegalArgumentException} with a readable message on anything unknown. */
    public static LocalRunOptions parse(List<String> args, Path projectRoot) {
        Path dataDir = projectRoot.resolve(".local-run");
        boolean fresh = false;
        PortPlan ports = PortPlan.documented();
        boolean nativeExecutables = false;
        boolean rateLimits = true;
        boolean backendsOnly = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--fresh" -> fresh = true;
                case "--free-ports" -> ports = PortPlan.free();
                case "--ports" -> ports = ports(value(args, ++i, "--ports"));
                case "--data-dir" -> dataDir = projectRoot.resolve(value(args, ++i, "--data-dir"));
                case "--native" -> nativeExecutables = true;
                case "--no-rate-limits" -> rateLimits = false;
                case "--backends-only" -> backendsOnly = true;
                default -> throw new IllegalArgumentException("Unknown option " + args.get(i));
            }
        }
        if (backendsOnly && nativeExecutables) {
            throw new IllegalArgumentException("--native cannot go with --backends-only: the services then run in"
                    + " Quarkus dev mode, on the JVM");
        }
        return new LocalRunOptions(dataDir.toAbsolutePath().normalize(), fresh, ports, nativeExecutables,
                rateLimits, backendsOnly);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static PortPlan ports(String list) {
        try {
            int[] ports = Arrays.stream(list.split(",")).mapToInt(port -> Integer.parseInt(port.trim())).toArray();
            if (ports.length != 6 || Arrays.stream(ports).anyMatch(port -> port < 1 || port > 65535)) {
                throw new NumberFormatException();
            }
            return new PortPlan(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--ports needs six ports (1-65535) separated by commas, got " + list);
        }
    }
}
