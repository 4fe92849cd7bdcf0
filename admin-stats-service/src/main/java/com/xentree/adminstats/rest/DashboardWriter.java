package com.xentree.adminstats.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.xentree.adminstats.rest.DashboardDtos.Affiliation;
import com.xentree.adminstats.rest.DashboardDtos.DashboardResponse;
import com.xentree.adminstats.rest.DashboardDtos.MemberActivityRow;
import com.xentree.adminstats.rest.DashboardDtos.MemberDirectoryRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The engagement dashboard as JSON: the two member lists (two rows per member, nearly all of the 6 MB
 * at 10,000 members) field by field with Jackson's streaming generator, everything else by the
 * application's ObjectMapper. The bytes are those the ObjectMapper writes for the whole
 * {@link DashboardResponse} (DashboardEqualityTest compares them).
 */
public final class DashboardWriter {

    private DashboardWriter() {
    }

    public static byte[] bytes(ObjectMapper mapper, DashboardResponse r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            write(mapper, r, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void write(ObjectMapper mapper, DashboardResponse r, OutputStream out) throws IOException {
        ObjectWriter parts = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.writeStartObject();
            part(g, parts, "organization", r.organization());
            part(g, parts, "date_range", r.dateRange());
            part(g, parts, "kpis", r.kpis());
            part(g, parts, "pulse", r.pulse());
            part(g, parts, "trend", r.trend());
            part(g, parts, "activity_distribution", r.activityDistribution());
            part(g, parts, "retention", r.retention());
            g.writeArrayFieldStart("member_activity");
            for (MemberActivityRow row : r.memberActivity()) {
                activity(g, row);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("member_directory");
            for (MemberDirectoryRow row : r.memberDirectory()) {
                directory(g, row);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void part(JsonGenerator g, ObjectWriter parts, String name, Object value) throws IOException {
        g.writeFieldName(name);
        parts.writeValue(g, value);
    }

    private static void activity(JsonGenerator g, MemberActivityRow row) throws IOException {
        g.writeStartObject();
        person(g, row.userId(), row.username(), row.fullName(), row.email(), row.avatarUrl());
        g.writeNumberField("learning_time", row.learningTime());
        g.writeNumberField("sessions", row.sessions());
        g.writeNumberField("active_days", row.activeDays());
        instant(g, "last_active", row.lastActive());
        g.writeStringField("status", row.status());
        g.writeEndObject();
    }

    private static void directory(JsonGenerator g, MemberDirectoryRow row) throws IOException {
        g.writeStartObject();
        person(g, row.userId(), row.username(), row.fullName(), row.email(), row.avatarUrl());
        instant(g, "join_date", row.joinDate());
        g.writeStringField("subscription_plan", row.subscriptionPlan());
        g.writeStringField("account_status", row.accountStatus());
        g.writeStringField("status", row.status());
        instant(g, "last_active", row.lastActive());
        strings(g, "organizations", row.organizations());
        strings(g, "teams", row.teams());
        g.writeArrayFieldStart("affiliations");
        for (Affiliation a : row.affiliations()) {
            g.writeStartObject();
            uuid(g, "organization_id", a.organizationId());
            g.writeStringField("organization_name", a.organizationName());
            uuid(g, "team_id", a.teamId());
            g.writeStringField("team_name", a.teamName());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void person(JsonGenerator g, String userId, String username, String fullName, String email, String avatarUrl)
            throws IOException {
        g.writeStringField("user_id", userId);
        g.writeStringField("username", username);
        g.writeStringField("full_name", fullName);
        g.writeStringField("email", email);
        g.writeStringField("avatar_url", avatarUrl);
    }

    /** As the ObjectMapper writes an Instant (ISO-8601, write-dates-as-timestamps off). */
    private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        g.writeStringField(name, value == null ? null : value.toString());
    }

    private static void uuid(JsonGenerator g, String name, UUID value) throws IOException {
        g.writeStringField(name, value == null ? null : value.toString());
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
