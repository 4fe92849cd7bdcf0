package com.xentree.profile.service;

import com.xentree.events.LearningActivity;
import com.xentree.events.LocalDay;
import com.xentree.foundation.messaging.LearningActivityHandler;
import com.xentree.foundation.sql.Sql;
import com.xentree.profile.XpBoost;
import com.xentree.profile.XpCredit;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Credits XP for {@code learning.activity.v1} (DESIGN.md section 4): base XP times the multiplier of
 * a boost active at {@code occurred_at}, held to the daily per-category cap, on the local day of the
 * event's zone (else the user's, else UTC). Each activity is credited once, ever: the consumer skips
 * event ids it applied before and the ledger refuses a second credit of one activity.
 */
@ApplicationScoped
public class XpAwarder implements LearningActivityHandler {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    XpLedger ledger;
    @Inject
    XpBoosts boosts;

    @Override
    public boolean deduplicatesByEventId() {
        return true; // the ledger holds one activity credit per event id: it says what was credited before
    }

    @Override
    public void apply(List<LearningActivity> polled) {
        try (Connection c = dataSource.getConnection()) {
            List<String> users = polled.stream().map(LearningActivity::userId).distinct().toList();
            Map<String, Long> totals = ledger.lockTotals(c, users);
            // after the lock: a copy of an event is always its user's, so no other transaction credits it meanwhile
            List<LearningActivity> events = ledger.notCreditedYet(c, polled, LearningActivity::eventId);
            if (events.isEmpty()) {
                return;
            }
            Map<String, String> zones = userZones(c, events);
            Instant first = events.stream().map(LearningActivity::occurredAt).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = events.stream().map(LearningActivity::occurredAt).max(Comparator.naturalOrder()).orElseThrow();
            Map<String, List<XpBoost>> boostsByUser = boosts.overlapping(c, users, first, last);
            List<XpLedger.Entry> entries = new ArrayList<>(events.size());
            for (LearningActivity e : events) {
                String zone = LocalDay.zoneOrDefault(e.timeZone() != null ? e.timeZone() : zones.get(e.userId())).getId();
                BigDecimal multiplier = XpBoost.multiplierAt(boostsByUser.getOrDefault(e.userId(), List.of()), e.occurredAt());
                entries.add(XpLedger.Entry.activity(e.eventId(), e.userId(), e.occurredAt(), zone, LocalDay.of(e.occurredAt(), zone),
                        e.category(), e.baseXp(), multiplier, XpCredit.earned(e.baseXp(), multiplier)));
            }
            ledger.append(c, totals, entries);
        } catch (SQLException e) {
            throw new IllegalStateException("could not credit XP", e);
        }
    }

    /** Zones of the users whose events carry none (the ingestion API stamps one; other producers may not). */
    private static Map<String, String> userZones(Connection c, List<LearningActivity> events) throws SQLException {
        Object[] users = events.stream().filter(e -> e.timeZone() == null).map(LearningActivity::userId).distinct().toArray();
        Map<String, String> zones = new HashMap<>();
        if (users.length > 0) {
            Sql.each(c, "select id, time_zone from app_user where id = any(?)", rs -> zones.put(rs.getString(1), rs.getString(2)),
                    c.createArrayOf("text", users));
        }
        return zones;
    }
}
