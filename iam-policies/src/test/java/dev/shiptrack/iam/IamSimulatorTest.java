package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.iam.IamSimulator.Case;
import dev.shiptrack.iam.IamSimulator.Decision;
import dev.shiptrack.iam.IamSimulator.Result;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the bridge hands back besides the decision, which callers use to tell a case that tests nothing. */
class IamSimulatorTest {

    private static final String ACCOUNT = "123456789012";
    private static final String PRINCIPAL = "arn:aws:sts::" + ACCOUNT + ":assumed-role/TrackingAccessRole/s-1";

    @Test
    void shouldReportAContextKeyThatDoesNotApplyToTheAction() {
        Case getObject = new Case("get", PRINCIPAL, "s3:GetObject", "arn:aws:s3:::tracking-documents/yellow/a",
                ACCOUNT, Map.of("s3:prefix", "yellow/"), List.of(allowAll()), null);

        Result result = IamSimulator.installed().simulate(List.of(getObject), null).get("get");

        assertThat(result.ignoredContextKeys()).containsExactly("s3:prefix");
    }

    @Test
    void shouldReportNoIgnoredKeyWhenEveryKeyAppliesToTheAction() {
        Case listBucket = new Case("list", PRINCIPAL, "s3:ListBucket", "arn:aws:s3:::tracking-documents", ACCOUNT,
                Map.of("s3:prefix", "yellow/", "aws:PrincipalTag/TenantID", "yellow"), List.of(allowAll()), null);

        Result result = IamSimulator.installed().simulate(List.of(listBucket), null).get("list");

        assertThat(result).isEqualTo(new Result(Decision.Allowed, List.of()));
    }

    private static JsonNode allowAll() {
        return new ObjectMapper().valueToTree(Map.of("Version", "2012-10-17",
                "Statement", List.of(Map.of("Effect", "Allow", "Action", "*", "Resource", "*"))));
    }
}
