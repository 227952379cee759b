package dev.shiptrack.iam.evaluator;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Wildcard matching of IAM patterns, including backtracking over several stars. */
class GlobTest {

    private static final RequestContext NO_KEYS = new RequestContext(Map.of());

    private static boolean matches(String pattern, String text, boolean ignoreCase) {
        return IamString.compile(pattern, NO_KEYS, true, ignoreCase).orElseThrow().matches(text);
    }

    @Test
    void shouldLetAStarMatchAnyRunIncludingAnEmptyOne() {
        assertThat(matches("yellow#*", "yellow#", false)).isTrue();
        assertThat(matches("yellow#*", "yellow#s-1#x/y:z", false)).isTrue();
        assertThat(matches("*", "", false)).isTrue();
        assertThat(matches("yellow#*", "yellow", false)).isFalse();
    }

    @Test
    void shouldBacktrackToTheLatestStar() {
        assertThat(matches("a*b*c", "aXbYbZc", false)).isTrue();
        assertThat(matches("a*b*c", "aXbYbZ", false)).isFalse();
        assertThat(matches("*-tracking*", "yel-low-tracking/_search", false)).isTrue();
    }

    @Test
    void shouldLetAQuestionMarkMatchExactlyOneCharacter() {
        assertThat(matches("s-?", "s-1", false)).isTrue();
        assertThat(matches("s-?", "s-", false)).isFalse();
        assertThat(matches("s-?", "s-12", false)).isFalse();
    }

    @Test
    void shouldCompareCaseOnlyWhenAsked() {
        assertThat(matches("Yellow*", "yELLOW/x", true)).isTrue();
        assertThat(matches("Yellow*", "yELLOW/x", false)).isFalse();
    }
}
