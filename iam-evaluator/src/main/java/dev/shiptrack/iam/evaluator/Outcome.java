package dev.shiptrack.iam.evaluator;

/** IAM's three possible results of an authorization. */
public enum Outcome {
    /** An Allow statement applies and no Deny statement does. */
    ALLOWED,
    /** No statement allows the request (IAM's default deny). */
    IMPLICITLY_DENIED,
    /** A Deny statement applies; nothing can override it. */
    EXPLICITLY_DENIED
}
