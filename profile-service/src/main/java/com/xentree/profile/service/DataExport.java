package com.xentree.profile.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.xentree.foundation.export.JsonExport.Section;
import com.xentree.foundation.export.JsonExport;
import com.xentree.foundation.rest.ApiException;
import com.xentree.profile.config.ProfileConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One user's data export as one JSON document: profile-service's own rows, then the parts
 * analytics-service and admin-stats-service hold, read from them with the caller's own credentials
 * and copied into the document as they arrive. Nothing is loaded whole: rows come through a cursor,
 * the other parts byte for byte. Both other parts are opened before the first byte is written, so a
 * service that is down is a clean 503, not a truncated document.
 */
@ApplicationScoped
public class DataExport {

    /** The other services' parts, opened (status 200 seen) and not read yet. */
    public record Parts(InputStream analytics, InputStream organizations) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try (InputStream a = analytics; InputStream o = organizations) {
                // both closed, whatever happens to the first
            }
        }
    }

    static final List<Section> SECTIONS = List.of(
            Section.one("profile", """
                    select id as user_id, username, full_name, email, avatar_url as profile_picture_url, time_zone, public_profile,
                           created_at, updated_at from app_user where id = ?"""),
            Section.row("xp", "user_xp"),
            Section.row("streak_and_quests", "user_progress"),
            Section.rows("boosts", "xp_boost", "starts_at, id"),
            // the key's hash is a credential, not information about the person: never exported
            Section.list("api_keys", "select id, name, scopes, created_at, revoked_at from api_key where owner_user_id = ? order by created_at"),
            Section.rows("xp_by_day_and_category", "xp_daily", "local_day, category"),
            Section.rows("xp_ledger", "xp_ledger", "id"));

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    JsonExport export;
    @Inject
    ProfileConfig config;
    @Inject
    Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /** Opens the other services' parts with the caller's credentials (header name to value). */
    public Parts open(Map<String, String> credentials) {
        InputStream analytics = part("analytics-service", config.export().analyticsUrl().resolve("/api/v1/analytics/users/me/export"),
                credentials);
        try {
            return new Parts(analytics, part("admin-stats-service",
                    config.export().adminStatsUrl().resolve("/api/v1/organizations/me/export"), credentials));
        } catch (RuntimeException e) {
            closeQuietly(analytics);
            throw e;
        }
    }

    /** Writes the document: this service's sections, then the other parts under "analytics" and "organizations". */
    public void write(OutputStream out, String userId, Parts parts) {
        try (parts; JsonGenerator g = export.generator(out)) {
            g.writeStartObject();
            g.writeStringField("user_id", userId);
            g.writeStringField("exported_at", clock.instant().toString());
            export.writeSections(g, userId, SECTIONS);
            embed(g, out, "analytics", parts.analytics());
            embed(g, out, "organizations", parts.organizations());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a part (one JSON object) in as the field's value, without parsing it. */
    private static void embed(JsonGenerator g, OutputStream out, String field, InputStream part) throws IOException {
        g.writeFieldName(field);
        g.writeRawValue(""); // the generator writes the separator and now counts the value as written
        g.flush();
        part.transferTo(out);
    }

    private InputStream part(String service, URI uri, Map<String, String> credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(HEADERS_TIMEOUT).header("Accept", "application/json");
        credentials.forEach(request::header);
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiException(503, service + " is unavailable; try the export again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, service + " is unavailable; try the export again shortly");
        }
        if (response.statusCode() != 200) {
            closeQuietly(response.body());
            throw new ApiException(503, service + " answered " + response.statusCode() + "; try the export again shortly");
        }
        return response.body();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing more to read from it anyway
        }
    }
}
