package com.xentree.adminstats;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.adminstats.service.DashboardService;
import com.xentree.testing.TestClock;
import com.xentree.testing.TestSupport;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engagement dashboard as served (member days summed in memory, JSON streamed by
 * DashboardWriter) against the computation it replaced (PostgreSQL sums, the response serialized
 * whole by the ObjectMapper), byte for byte, over a generated organization: members joining over
 * half a year, two teams, profiles with characters JSON escapes, days with sessions, days with XP
 * only, days before, inside and after the ranges; then again after the days change under it, and
 * after a name, a last activity, a team and the memberships change (each answer asked twice: computed,
 * then as held in memory).
 */
@QuarkusTest
class DashboardEqualityTest {

    static final LocalDate END = LocalDate.parse("2026-06-30");

    @Inject
    AgroalDataSource db;
    @Inject
    DashboardService dashboards;
    @Inject
    ObjectMapper mapper;

    String run;
    String owner;
    String token;
    UUID org;
    List<UUID> teams = new ArrayList<>();
    List<String> members = new ArrayList<>();
    Random random = new Random(21);

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void servedAsTheSqlComputationWouldHaveServedIt() throws Exception {
        organization(60);
        ranges();
        // the days change under the copy held in memory: new days, more on a day, a member's days gone, XP only
        execute("""
                insert into member_day (user_id, day, learning_seconds, sessions, xp) values (?, ?, 1800, 2, 30) on conflict (user_id, day)
                do update set learning_seconds = member_day.learning_seconds + 1800, sessions = member_day.sessions + 2""", members.get(0), END);
        execute("insert into member_day (user_id, day, learning_seconds, sessions) values (?, ?, 900, 1) on conflict do nothing",
                members.get(5), END.minusDays(500));
        execute("update member_day set sessions = sessions + 1, learning_seconds = learning_seconds + 600 where user_id = ?", members.get(1));
        execute("delete from member_day where user_id = ?", members.get(2));
        execute("insert into member_day (user_id, day, xp) values (?, ?, 40) on conflict (user_id, day) do update set xp = member_day.xp + 40",
                members.get(3), END.minusDays(3));
        execute("update member_day set sessions = 0 where user_id = ? and day >= ?", members.get(4), END.minusDays(40));
        ranges();
        // what else an answer shows changes under the rendered answers: a name, a last activity, a team, a member joining
        execute("update member_profile set full_name = 'Renamed' where user_id = ?", members.get(6));
        execute("insert into member_last_active (user_id, last_active_at) values (?, ?) "
                + "on conflict (user_id) do update set last_active_at = excluded.last_active_at",
                members.get(7), Timestamp.from(END.atTime(8, 0).toInstant(ZoneOffset.UTC)));
        execute("update team set name = 'Green' where id = ?", teams.get(1));
        String joining = "eq-joining-" + run;
        Instant joined = END.minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC);
        execute("insert into membership (id, organization_id, user_id, role, team_id, joined_at) values (?, ?, ?, 'member', ?, ?)",
                UUID.randomUUID(), org, joining, teams.get(0), Timestamp.from(joined));
        days(joining, joined);
        ranges();
    }

    @Test
    void revalidatedByItsEntityTag() throws Exception {
        organization(5);
        String query = "/api/v1/admin/stats/?organization_id=" + org + "&start_date=" + END.minusDays(29) + "&end_date=" + END;
        String tag = given().auth().oauth2(token).get(query).then().statusCode(200).header("Cache-Control", "private, no-cache")
                .extract().header("ETag");
        given().auth().oauth2(token).header("If-None-Match", tag).get(query).then().statusCode(304).header("ETag", tag);
        execute("insert into member_day (user_id, day, learning_seconds, sessions) values (?, ?, 60, 1) "
                + "on conflict (user_id, day) do update set learning_seconds = member_day.learning_seconds + 60", members.get(0), END);
        String changed = given().auth().oauth2(token).header("If-None-Match", tag).get(query).then().statusCode(200)
                .extract().header("ETag");
        assertNotEquals(tag, changed);
        // someone who administers no organization is refused, whatever is held for this one
        given().auth().oauth2(TestSupport.token("eq-stranger-" + run)).header("If-None-Match", changed).get(query).then().statusCode(403);
    }

    private void ranges() throws Exception {
        same(null, END.minusDays(29), END);
        same(null, END.minusDays(364), END);
        same(null, END.minusDays(6), END);
        same(null, LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-31"));
        same(teams.get(0), END.minusDays(89), END);
        TestClock.set(END.atTime(15, 0).toInstant(ZoneOffset.UTC));
        same(null, null, null);
    }

    private void same(UUID team, LocalDate start, LocalDate end) throws Exception {
        QuarkusSecurityIdentity caller = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(owner)).build();
        // in a transaction of its own: entities the test's session read earlier (a team's old name) are read again
        String before = mapper.writeValueAsString(
                QuarkusTransaction.requiringNew().call(() -> dashboards.dashboard(caller, org, team, start, end, false)));
        String query = "?organization_id=" + org + (team == null ? "" : "&team_id=" + team) + (start == null ? "" : "&start_date=" + start)
                + (end == null ? "" : "&end_date=" + end);
        for (String held : List.of("computed", "held")) {
            String served = given().auth().oauth2(token).get("/api/v1/admin/stats/" + query).then().statusCode(200)
                    .contentType(ContentType.JSON).extract().asString();
            assertEquals(before, served, held + ": " + query);
        }
    }

    private void organization(int size) throws Exception {
        run = UUID.randomUUID().toString().substring(0, 8);
        owner = "eq-owner-" + run;
        token = TestSupport.token(owner);
        TestClock.set(Instant.parse("2026-01-05T09:00:00Z"));
        org = UUID.fromString(OrganizationResourceTest.createOrg(token, "Equality Org " + run));
        for (String name : List.of("Red", "Blue")) {
            teams.add(UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", name))
                    .post("/api/v1/organizations/" + org + "/teams").then().statusCode(201).extract().path("id")));
        }
        for (int i = 0; i < size; i++) {
            String user = "eq-" + i + "-" + run;
            members.add(user);
            Instant joined = END.minusDays(random.nextInt(200)).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(86_400))
                    .plusNanos(random.nextInt(1000) * 1000L);
            UUID team = i % 3 == 2 ? null : teams.get(i % 3);
            execute("insert into membership (id, organization_id, user_id, role, team_id, joined_at) values (?, ?, ?, 'member', ?, ?)",
                    UUID.randomUUID(), org, user, team, java.sql.Timestamp.from(joined));
            if (i % 4 != 3) {
                execute("insert into member_profile (user_id, username, full_name, email, avatar_url, updated_at) values (?, ?, ?, ?, ?, now())",
                        user, "u" + i, "Zoë \"Q\" Ñandú\\" + i, "u" + i + "@example.com", i % 2 == 0 ? null : "https://x.example/a" + i + ".png");
            }
            days(user, joined);
        }
    }

    private void days(String user, Instant joined) throws Exception {
        int habit = random.nextInt(4);
        Instant last = null;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into member_day (user_id, day, learning_seconds, sessions, score_sum, score_count, xp) values (?, ?, ?, ?, 0, 0, ?)")) {
            for (LocalDate d = END.minusDays(800); !d.isAfter(END.plusDays(5)); d = d.plusDays(1)) {
                if (random.nextInt(10) < habit * 2) {
                    boolean xpOnly = random.nextInt(8) == 0;
                    ps.setString(1, user);
                    ps.setObject(2, d);
                    ps.setLong(3, xpOnly ? 0 : 60 + random.nextInt(7200));
                    ps.setInt(4, xpOnly ? 0 : 1 + random.nextInt(3));
                    ps.setLong(5, random.nextInt(200));
                    ps.addBatch();
                    if (!xpOnly) {
                        last = d.atTime(random.nextInt(24), 0).toInstant(ZoneOffset.UTC).plusNanos(random.nextInt(1_000_000) * 1000L);
                    }
                }
            }
            ps.executeBatch();
        }
        if (last != null && !joined.equals(last)) {
            execute("insert into member_last_active (user_id, last_active_at) values (?, ?)", user, java.sql.Timestamp.from(last));
        }
    }

    private void execute(String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
