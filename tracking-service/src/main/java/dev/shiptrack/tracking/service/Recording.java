package dev.shiptrack.tracking.service;

import dev.shiptrack.tracking.model.RecordedEvent;

/**
 * What recording an event gave.
 *
 * @param replayed true when an {@code Idempotency-Key} had recorded this request before: the answer is the event
 *                 recorded then, and nothing new was stored
 */
public record Recording(RecordedEvent answer, boolean replayed) {
}
