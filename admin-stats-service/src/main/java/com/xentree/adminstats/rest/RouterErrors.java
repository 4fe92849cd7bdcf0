package com.xentree.adminstats.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Failures raised before a request reaches a resource (a body over the size limit) answer in JSON too. */
@ApplicationScoped
public class RouterErrors {

    private static final String TOO_LARGE = Json.encode(ErrorBody.of("Request body too large"));

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        long limit = maxBody.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit) && Long.parseLong(length) > limit) {
                tooLarge(ctx);
            } else {
                ctx.next();
            }
        });
        router.errorHandler(413, RouterErrors::tooLarge);
    }

    private static void tooLarge(RoutingContext ctx) {
        ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close").end(TOO_LARGE);
    }
}
