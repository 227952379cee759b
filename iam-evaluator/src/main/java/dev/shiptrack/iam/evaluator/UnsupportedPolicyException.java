package dev.shiptrack.iam.evaluator;

/** A policy element the evaluator cannot read with certainty; the caller fails closed. */
final class UnsupportedPolicyException extends RuntimeException {

    UnsupportedPolicyException(String message) {
        super(message);
    }
}
