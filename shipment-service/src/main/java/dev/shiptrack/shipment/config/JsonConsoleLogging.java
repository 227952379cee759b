package dev.shiptrack.shipment.config;

import java.util.logging.Handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import io.quarkus.runtime.StartupEvent;

/**
 * Switches the console to JSON lines when {@code shipment.log.json=true}. quarkus-logging-json would do this by
 * configuration, but its deployment artifact cannot be resolved on the build machines, so the JSON formatter of
 * JBoss Log Manager is set on the console handlers at start instead.
 */
@ApplicationScoped
public class JsonConsoleLogging {

    void onStart(@Observes StartupEvent start, ShipmentConfig config) {
        if (config.log().json()) {
            useJson(org.jboss.logmanager.Logger.getLogger("").getHandlers());
        }
    }

    /** Gives every console handler in the tree a JSON formatter; returns how many it changed. */
    static int useJson(Handler[] handlers) {
        int changed = 0;
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                JsonFormatter json = new JsonFormatter();
                json.setDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
                console.setFormatter(json);
                changed++;
            }
            if (handler instanceof ExtHandler parent) {
                changed += useJson(parent.getHandlers());
            }
        }
        return changed;
    }
}
