package dev.shiptrack.tvm.support;

import dev.shiptrack.tvm.config.TvmConfig;
import dev.shiptrack.tvm.routing.RoutingConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@link TvmConfig} and {@link RoutingConfig} instances for unit tests, built by SmallRye Config from properties like a running service. */
public final class TestConfigs {

    public static final String ROLE = "arn:aws:iam::123456789012:role/TrackingAccessRole";

    private TestConfigs() {
    }

    /** The abac strategy on {@link #ROLE} for service {@code tracking}, plus the given properties. */
    public static TvmConfig abac(String... keyValues) {
        Map<String, String> properties = properties(keyValues);
        properties.putIfAbsent("tenant-tvm.role-arn", ROLE);
        properties.putIfAbsent("tenant-tvm.service-name", "tracking");
        return of(properties);
    }

    public static TvmConfig of(Map<String, String> properties) {
        return mapping(TvmConfig.class, properties);
    }

    /** {@code tenant-routing.*} from the given properties, defaults for the rest. */
    public static RoutingConfig routing(String... keyValues) {
        return mapping(RoutingConfig.class, properties(keyValues));
    }

    private static Map<String, String> properties(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    private static <T> T mapping(Class<T> type, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(type)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(type);
    }
}
