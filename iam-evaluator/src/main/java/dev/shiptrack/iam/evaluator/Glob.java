package dev.shiptrack.iam.evaluator;

/**
 * An IAM pattern after variable substitution: literal characters and the wildcards {@code *} (any run, also empty)
 * and {@code ?} (one character). Matched directly rather than through a regular expression, because a policy's
 * patterns are built anew for every request (their variables differ).
 */
final class Glob {

    private final char[] pattern;
    private final boolean[] wildcard;
    private final boolean ignoreCase;

    Glob(char[] pattern, boolean[] wildcard, boolean ignoreCase) {
        this.pattern = pattern;
        this.wildcard = wildcard;
        this.ignoreCase = ignoreCase;
    }

    /** Whether the whole of {@code text} matches; {@code *} backtracks to the latest star only (linear time). */
    boolean matches(String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int starText = 0;
        while (t < text.length()) {
            if (p < pattern.length && isStar(p)) {
                star = p++;
                starText = t;
            } else if (p < pattern.length && (wildcard[p] || same(pattern[p], text.charAt(t)))) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < pattern.length && isStar(p)) {
            p++;
        }
        return p == pattern.length;
    }

    private boolean isStar(int index) {
        return wildcard[index] && pattern[index] == '*';
    }

    private boolean same(char a, char b) {
        if (a == b) {
            return true;
        }
        return ignoreCase && (Character.toUpperCase(a) == Character.toUpperCase(b)
                || Character.toLowerCase(a) == Character.toLowerCase(b));
    }
}
