package dev.shiptrack.tvm.tenant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "acme", "tenant42", "0123456789abcdefghij0123456789ab"})
    void shouldAcceptLowercaseLettersAndDigits(String raw) {
        assertThat(TenantId.parse(raw).value()).isEqualTo(raw);
        assertThat(TenantId.parse(raw)).hasToString(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Acme", "ACME", "*", "acme*", "ac/me", "acme/", "ac\"me", "ac me", " acme",
            "acme\n", "ac\tme", "acme#1", "ac-me", "ac.me", "ac:me", "acme${aws:username}", "ümlaut",
            "0123456789abcdefghij0123456789abc"})
    void shouldRefuseEveryOtherForm(String raw) {
        assertThatThrownBy(() -> TenantId.parse(raw)).isInstanceOf(InvalidTenantException.class)
                .hasMessageNotContaining(raw.isBlank() ? "\u0000" : raw);
    }

    @Test
    void shouldRefuseNull() {
        assertThatThrownBy(() -> TenantId.parse(null)).isInstanceOf(InvalidTenantException.class);
    }
}
