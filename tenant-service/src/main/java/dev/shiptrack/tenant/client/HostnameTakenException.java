package dev.shiptrack.tenant.client;

/** The hostname's routes item names another tenant; DynamoDB's conditional write refused to overwrite it. */
public class HostnameTakenException extends StepFailedException {

    public HostnameTakenException(String hostname, Throwable cause) {
        super("The hostname " + hostname + " belongs to another tenant", true, cause);
    }
}
