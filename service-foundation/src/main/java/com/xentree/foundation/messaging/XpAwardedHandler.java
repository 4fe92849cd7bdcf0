package com.xentree.foundation.messaging;

import com.xentree.events.Topics;
import com.xentree.events.XpAwarded;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A handler of {@code xp.awarded.v1}, validated by the contract's own rules. */
public interface XpAwardedHandler extends BatchHandler<XpAwarded> {

    @Override
    default String topic() {
        return Topics.XP_AWARDED;
    }

    @Override
    default Class<XpAwarded> type() {
        return XpAwarded.class;
    }

    @Override
    default UUID eventId(XpAwarded event) {
        return event.eventId();
    }

    @Override
    default List<String> violations(XpAwarded event, Instant now) {
        return event.violations();
    }

    @Override
    default String userId(XpAwarded event) {
        return event.userId();
    }
}
