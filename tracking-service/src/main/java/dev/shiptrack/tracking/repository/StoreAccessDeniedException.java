package dev.shiptrack.tracking.repository;

/** A store (through IAM) refused the tenant's credentials; answered with 403 and an audit log entry. */
public class StoreAccessDeniedException extends RuntimeException {

    private final String layer;
    private final String tenant;
    private final String resource;

    public StoreAccessDeniedException(String layer, String tenant, String resource, Throwable cause) {
        super(layer + " refused tenant " + tenant + " access to " + resource, cause);
        this.layer = layer;
        this.tenant = tenant;
        this.resource = resource;
    }

    /** dynamodb, opensearch or s3. */
    public String layer() {
        return layer;
    }

    /** The tenant whose credentials were refused. */
    public String tenant() {
        return tenant;
    }

    /** The key, index or object the call addressed. */
    public String resource() {
        return resource;
    }
}
