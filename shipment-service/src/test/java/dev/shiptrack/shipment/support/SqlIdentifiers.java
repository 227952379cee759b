package dev.shiptrack.shipment.support;

/** Quotes SQL identifiers, so a role named after a tenant can never be read as SQL. */
public final class SqlIdentifiers {

    private SqlIdentifiers() {
    }

    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
