package dev.shiptrack.iam.evaluator;

/** Splitting ARNs into {@code arn:partition:service:region:account:resource}. */
final class Arns {

    private Arns() {
    }

    /**
     * @return the six parts (the resource part keeps its own colons), or null when the value has fewer than five
     *         colons and so is no ARN
     */
    static String[] split(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts : null;
    }
}
