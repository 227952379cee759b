package dev.shiptrack.console.rest;

import dev.shiptrack.console.config.ConsoleConfig;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * The console is one page ({@code index.html} with {@code console.js}) whose script renders each path; every path
 * a user can bookmark or deep-link serves that page ({@code /lab} only where the isolation lab is on).
 * {@code /config.json} tells the script where to log in and whether the lab is on.
 */
@ApplicationScoped
public class ConsolePages {

    /** The paths console.js renders. */
    static final List<String> PAGES = List.of("/callback", "/shipments", "/shipments/:id", "/search", "/operator",
            "/operator/tenants/:id");

    private final ConsoleConfig config;

    ConsolePages(ConsoleConfig config) {
        this.config = config;
    }

    void routes(@Observes Router router) {
        router.get("/config.json").handler(context -> context.json(new JsonObject()
                .put("realm", config.realm().toString())
                .put("clientId", config.clientId())
                .put("lab", config.lab().enabled())));
        PAGES.forEach(page -> router.get(page).handler(context -> context.reroute("/index.html")));
        if (config.lab().enabled()) {
            router.get("/lab").handler(context -> context.reroute("/index.html"));
        }
    }
}
