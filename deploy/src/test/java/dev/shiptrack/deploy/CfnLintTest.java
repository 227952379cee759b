package dev.shiptrack.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs cfn-lint, when it is installed, over both synthesized templates: CloudFormation's own schema and rules
 * catch what CDK assertions do not (property names, value ranges, resource-specific constraints).
 */
class CfnLintTest {

    /** cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational; 1 and above 15 mean it failed. */
    private static final int ERRORS = 2 | 1;

    @Test
    void shouldFindNoErrorsInEitherSynthesizedTemplate() throws Exception {
        Assumptions.assumeTrue(InstalledTool.runs("cfn-lint", "--version"), () -> {
            System.out.println("cfn-lint is not on the PATH: skipping the CloudFormation lint (pip install cfn-lint)");
            return "cfn-lint not installed";
        });
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
        for (Compute compute : Compute.values()) {
            command.add(SynthesizedStacks.of(compute).templateFile().toString());
        }
        Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println("cfn-lint (exit " + lint.exitValue() + "):\n" + report);

        assertThat(lint.exitValue() & ERRORS).as(report).isZero();
        assertThat(lint.exitValue()).as(report).isLessThan(16);
    }
}
