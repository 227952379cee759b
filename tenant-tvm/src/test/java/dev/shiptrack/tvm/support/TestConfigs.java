package dev.shiptrack.tvm.support;

import dev.shiptrack.tvm.config.TvmConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@link TvmConfig} instances for unit tests, built by SmallRye Config from properties like a running service. */
public final class TestConfigs {

    public static final String ROLE = "arn:aws:iam::123456789012:role/TrackingAccessRole";

    private TestConfigs() {
    }

    /** The abac strategy on {@link #ROLE} for service {@code tracking}, plus the given properties. */
    public static TvmConfig abac(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        properties.put("tenant-tvm.role-arn", ROLE);
        properties.put("tenant-tvm.service-name", "tracking");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return of(properties);
    }

    public static TvmConfig of(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(TvmConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(TvmConfig.class);
    }
}
