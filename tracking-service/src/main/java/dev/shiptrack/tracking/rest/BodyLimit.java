package dev.shiptrack.tracking.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Which configured body size limit applies to a resource method; checked against Content-Length before reading. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface BodyLimit {

    Kind value();

    enum Kind {
        EVENT,
        DOCUMENT
    }
}
