package dev.shiptrack.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class WatchdogSettingsTest {

    @Test
    void shouldReadEveryRoleOfTheCommaSeparatedList() {
        WatchdogSettings settings = WatchdogSettings.from(Map.of(
                WatchdogSettings.APPLICATION_ROLES, "arn:aws:iam::1:role/A, arn:aws:iam::1:role/B,",
                WatchdogSettings.TENANT_TABLE, "TrackingData", WatchdogSettings.ALERT_TOPIC, "arn:aws:sns:x:1:t"));

        assertThat(settings.applicationRoles()).containsExactlyInAnyOrder("arn:aws:iam::1:role/A", "arn:aws:iam::1:role/B");
        assertThat(settings.tenantTable()).isEqualTo("TrackingData");
        assertThat(settings.alertTopicArn()).isEqualTo("arn:aws:sns:x:1:t");
    }

    @Test
    void shouldNameEverySettingThatIsMissingOrBlank() {
        assertThatThrownBy(() -> WatchdogSettings.from(Map.of(WatchdogSettings.TENANT_TABLE, " ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The isolation watchdog function needs ALERT_TOPIC_ARN, APPLICATION_ROLE_ARNS, TENANT_TABLE");
    }
}
