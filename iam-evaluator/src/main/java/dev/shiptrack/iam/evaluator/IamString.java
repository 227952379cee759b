package dev.shiptrack.iam.evaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an IAM string value (a Resource, or a condition value): policy variables such as
 * {@code ${aws:PrincipalTag/TenantID}} are replaced by the request's value, taken literally (a tag value of
 * {@code *} matches only {@code *}); {@code ${*}}, {@code ${?}} and {@code ${$}} stand for those characters;
 * {@code *} and {@code ?} are wildcards when the operator allows them.
 */
final class IamString {

    /** A piece of a resolved value: literal text, or a wildcard ({@code *} or {@code ?}). */
    private record Piece(String text, boolean wildcard) {
    }

    private IamString() {
    }

    /**
     * @return the pattern, or empty when a variable has no value in the request (IAM: such a value never matches)
     */
    static Optional<Glob> compile(String value, RequestContext context, boolean wildcards, boolean ignoreCase) {
        return pieces(value, context, wildcards).map(pieces -> {
            StringBuilder text = new StringBuilder();
            pieces.forEach(piece -> text.append(piece.text()));
            boolean[] wildcard = new boolean[text.length()];
            int at = 0;
            for (Piece piece : pieces) {
                if (piece.wildcard()) {
                    wildcard[at] = true;
                }
                at += piece.text().length();
            }
            return new Glob(text.toString().toCharArray(), wildcard, ignoreCase);
        });
    }

    /** The value with its variables replaced and no wildcard meaning, e.g. a Bool condition value. */
    static Optional<String> resolve(String value, RequestContext context) {
        return pieces(value, context, false).map(pieces -> {
            StringBuilder text = new StringBuilder();
            pieces.forEach(piece -> text.append(piece.text()));
            return text.toString();
        });
    }

    private static Optional<List<Piece>> pieces(String value, RequestContext context, boolean wildcards) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            int end = c == '$' && context.policyVariables() && value.startsWith("{", i + 1)
                    ? value.indexOf('}', i + 2) : -1;
            if (wildcards && (c == '*' || c == '?')) {
                flush(literal, pieces);
                pieces.add(new Piece(String.valueOf(c), true));
                i++;
            } else if (end > 0) {
                Optional<String> replacement = variable(value.substring(i + 2, end), context);
                if (replacement.isEmpty()) {
                    return Optional.empty();
                }
                literal.append(replacement.get());
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, pieces);
        return Optional.of(pieces);
    }

    /** Resolves the inside of {@code ${...}}: an escape, or a key with an optional {@code , 'default'}. */
    private static Optional<String> variable(String inside, RequestContext context) {
        if (inside.equals("*") || inside.equals("?") || inside.equals("$")) {
            return Optional.of(inside);
        }
        int comma = inside.indexOf(", ");
        if (comma < 0) {
            return context.variable(inside.trim());
        }
        String fallback = inside.substring(comma + 2).trim();
        Optional<String> resolved = context.variable(inside.substring(0, comma).trim());
        boolean quoted = fallback.length() > 2 && fallback.startsWith("'") && fallback.endsWith("'");
        if (resolved.isEmpty() && quoted) {
            return Optional.of(fallback.substring(1, fallback.length() - 1));
        }
        return resolved;
    }

    private static void flush(StringBuilder literal, List<Piece> pieces) {
        if (!literal.isEmpty()) {
            pieces.add(new Piece(literal.toString(), false));
            literal.setLength(0);
        }
    }
}
