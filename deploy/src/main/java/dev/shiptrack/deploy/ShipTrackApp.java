package dev.shiptrack.deploy;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth -c compute=lambda|fargate [-c stage=...]} (see docs/deploy.md). Account and
 * region come from the CLI's environment ({@code CDK_DEFAULT_ACCOUNT}, {@code CDK_DEFAULT_REGION}) when it sets
 * them; otherwise the template stays environment-agnostic.
 */
public final class ShipTrackApp {

    private ShipTrackApp() {
    }

    public static void main(String[] args) {
        // The cdk CLI passes CDK_OUTDIR; run through Maven alone, the app writes where cdk deploy --app reads.
        App app = new App(AppProps.builder()
                .outdir(System.getenv().getOrDefault("CDK_OUTDIR", "cdk.out"))
                .build());
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());
        build(app, settings);
        app.synth();
    }

    /** Adds the stack for {@code settings} to {@code app}; the tests synthesize through here too. */
    public static ShipTrackStack build(App app, DeploymentSettings settings) {
        return new ShipTrackStack(app, stackName(settings), StackProps.builder()
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .description("Multi-tenant shipment tracking (" + settings.compute().contextValue() + ", stage "
                        + settings.stage() + ")")
                .build(), settings);
    }

    /** {@code ShipTrack-<stage>}. */
    public static String stackName(DeploymentSettings settings) {
        return "ShipTrack-" + settings.stage();
    }
}
