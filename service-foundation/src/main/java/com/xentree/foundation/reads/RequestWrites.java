package com.xentree.foundation.reads;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Every request that may write (any method but GET, HEAD and OPTIONS) counts as a write of this replica
 * from its start to its end ({@link ReadChanges#writeStarted}), so the caller's next read through
 * this replica sees what the request changed.
 */
@ApplicationScoped
public class RequestWrites {

    @Inject
    ReadChanges changes;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            HttpMethod method = ctx.request().method();
            if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method) && !HttpMethod.OPTIONS.equals(method)) {
                changes.writeStarted();
                ctx.addEndHandler(done -> changes.writeEnded());
            }
            ctx.next();
        });
    }
}
