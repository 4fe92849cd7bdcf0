package com.xentree.foundation.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Requests refused before they reach a resource answer in JSON too: a body over the size limit
 * (413, from its Content-Length, before it is read) and a path or query with control characters
 * such as NUL (400; no identifier, date or name of ours contains one, and PostgreSQL text cannot).
 */
@ApplicationScoped
public class RouterErrors {

    private static final String TOO_LARGE = Json.encode(ErrorBody.of("Request body too large"));
    private static final String CONTROL_CHARACTERS = Json.encode(ErrorBody.of("Control characters are not allowed in the path or query"));

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        long limit = maxBody.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit) && Long.parseLong(length) > limit) {
                tooLarge(ctx);
            } else if (hasControlCharacters(ctx.request().uri())) {
                ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json").end(CONTROL_CHARACTERS);
            } else {
                ctx.next();
            }
        });
        router.errorHandler(413, RouterErrors::tooLarge);
    }

    private static void tooLarge(RoutingContext ctx) {
        // HTTP/1.1: close, the unread body would otherwise be taken for the next request (HTTP/2 forbids the header)
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader("Connection", "close");
        }
        ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json").end(TOO_LARGE);
    }

    /** Percent-encoded control characters (%00-%1F, %7F) in the raw path or query. */
    static boolean hasControlCharacters(String uri) {
        for (int i = uri.indexOf('%'); i >= 0 && i + 2 < uri.length(); i = uri.indexOf('%', i + 1)) {
            char hi = uri.charAt(i + 1);
            char lo = Character.toUpperCase(uri.charAt(i + 2));
            if ((hi == '0' || hi == '1') && Character.digit(lo, 16) >= 0 || hi == '7' && lo == 'F') {
                return true;
            }
        }
        return false;
    }
}
