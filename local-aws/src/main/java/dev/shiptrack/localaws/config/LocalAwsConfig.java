package dev.shiptrack.localaws.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Configuration of the standalone edge ({@code java -jar local-aws/target/quarkus-app/quarkus-run.jar}). */
@ConfigMapping(prefix = "local-aws")
public interface LocalAwsConfig {

    /** Interface the edge binds. */
    @WithDefault("127.0.0.1")
    String host();

    /** Port of the edge: STS, DynamoDB, S3 and OpenSearch all answer here (0 picks a free port). */
    @WithDefault("4566")
    int port();

    /** The {@code {{table}}} of the policy documents. */
    @WithDefault("TrackingData")
    String table();

    /** The {@code {{bucket}}} of the policy documents. */
    @WithDefault("tracking-documents")
    String bucket();

    /** The {@code {{domain}}} of the policy documents (the OpenSearch domain name in resource ARNs). */
    @WithDefault("tracking")
    String domain();

    /** Where the backends the edge starts keep their data between runs ({@code dynamodb/}, {@code s3/}...). */
    @WithDefault("target/local-aws")
    Path dataDir();

    /** File the audit trail is appended to as JSON lines; none if unset. */
    Optional<Path> auditFile();

    /** DynamoDB Local. */
    Backend dynamodb();

    /** s3proxy. */
    S3Backend s3();

    /** OpenSearch 2.x. */
    Backend opensearch();

    /** One backend behind the edge. */
    interface Backend {

        /** Whether the edge serves this service at all. */
        @WithDefault("true")
        boolean enabled();

        /** Endpoint of a backend that is already running; when unset, the edge starts one on a free port. */
        Optional<URI> endpoint();
    }

    /** s3proxy, which checks signatures against one static key. */
    interface S3Backend extends Backend {

        /** s3proxy's access key (the edge re-signs forwarded requests with it). */
        @WithDefault("local-s3proxy")
        String accessKey();

        /** s3proxy's secret key. */
        @WithDefault("local-s3proxy-secret")
        String secretKey();
    }
}
