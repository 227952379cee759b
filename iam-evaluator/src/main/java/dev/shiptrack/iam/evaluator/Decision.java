package dev.shiptrack.iam.evaluator;

/**
 * The result of an authorization and the statement that decided it, for audit lines.
 *
 * @param decidingPolicy    name of the policy holding the deciding statement; null when implicitly denied
 * @param decidingStatement the statement's Sid, or {@code #<index>} (0-based) when it has none; null when
 *                          implicitly denied
 */
public record Decision(Outcome outcome, String decidingPolicy, String decidingStatement) {

    static final Decision IMPLICIT_DENY = new Decision(Outcome.IMPLICITLY_DENIED, null, null);

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
