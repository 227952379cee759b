package dev.shiptrack.localaws.http;

/** Why the edge refuses a request; each service renders these in its own wire format. */
public enum Refusal {
    /** No Authorization header and no presigned query. */
    MISSING_AUTHENTICATION,
    /** The access key id is not known. */
    UNKNOWN_ACCESS_KEY,
    /** The session token is missing or does not belong to the access key. */
    INVALID_TOKEN,
    /** The temporary credentials have expired. */
    EXPIRED_TOKEN,
    /** The signature does not match the request. */
    SIGNATURE_MISMATCH,
    /** The signing time is too far from the edge's clock, or a presigned URL has expired. */
    REQUEST_EXPIRED,
    /** The body does not hash to the signed payload hash. */
    PAYLOAD_HASH_MISMATCH,
    /** The policies do not allow the request. */
    ACCESS_DENIED,
    /** The request cannot be understood. */
    MALFORMED,
    /** The edge does not support this operation. */
    NOT_IMPLEMENTED,
    /** The table, bucket or index does not exist. */
    NOT_FOUND,
    /** The backend behind the edge is not configured or not reachable. */
    BACKEND_UNAVAILABLE
}
