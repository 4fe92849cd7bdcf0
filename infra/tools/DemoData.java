
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a running system with demo data through its public APIs (by default through the gateway):
 * users with their own time zones and habits, organizations with teams, a year of learning activity,
 * and members whose joins are dated on the day they started learning, with a progress bar and a
 * summary. JDK only; run by infra/demo-data.sh.
 *   java infra/tools/DemoData.java --keys DIR [--base http://127.0.0.1:8080] [--users 120] [--orgs 2]
 *        [--days 365] [--seed 42]
 */
public class DemoData {

    static final String[] ZONES = {"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London", "America/Sao_Paulo",
        "Australia/Sydney", "Asia/Kolkata", "UTC", "Pacific/Auckland", "Africa/Lagos"};
    static final String[] FIRST = {"Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kemi", "Lea", "Malik",
        "Noor", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Viktor", "Wen", "Yara", "Zoe"};
    static final String[] LAST = {"Silva", "Okafor", "Tanaka", "Müller", "Kowalski", "Haddad", "Nguyen", "Rossi", "Singh", "Berg"};
    /** activity type, source, category, minutes low-high, scored */
    static final Object[][] KINDS = {
        {"lesson_completed", "english", "vocabulary", 5, 25, true},
        {"lesson_completed", "english", "grammar", 5, 30, true},
        {"quiz", "english", "grammar", 3, 10, true},
        {"conversation", "conversations", "speaking", 5, 40, false},
        {"live_session", "live", "listening", 20, 60, false}};

    record User(String id, String username, String name, String zone, double activeRate, int sinceDaysAgo) {
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    /** Redraw progress bars in place: only when the output is a terminal (--progress bar, as infra/demo-data.sh decides). */
    static boolean progressBars;
    static String lastStep;
    static int lastTenth = -1;

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        base = opts.getOrDefault("base", "http://127.0.0.1:8080");
        progressBars = opts.getOrDefault("progress", "lines").equals("bar");
        String keys = opts.getOrDefault("keys", "infra/.work/keys");
        int userCount = Integer.parseInt(opts.getOrDefault("users", "120"));
        int orgCount = Integer.parseInt(opts.getOrDefault("orgs", "2"));
        int days = Integer.parseInt(opts.getOrDefault("days", "365"));
        long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
        Random random = new Random(seed);
        long started = System.nanoTime();

        String admin = MintToken.token(Map.of("keys", keys, "sub", "demo-admin", "username", "demo_admin", "name", "Dana Admin",
                "email", "dana@demo.xentree.test", "zoneinfo", "Europe/Berlin", "groups", "admin"), List.of());

        // users: the first is the one the README's examples sign in as
        List<User> users = new ArrayList<>();
        users.add(new User("demo-user", "demo", "Demo Learner", "Europe/Berlin", 0.9, days));
        for (int i = 1; i < userCount; i++) {
            double habit = switch (i % 4) {
                case 0 -> 0.85;  // daily learners
                case 1 -> 0.5;   // regulars
                case 2 -> 0.2;   // occasional
                default -> 0.05; // lapsing
            };
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            users.add(new User(String.format("demo-%04d", i), (first + "_" + last).toLowerCase().replaceAll("[^a-z_]", "") + i,
                    first + " " + last, ZONES[random.nextInt(ZONES.length)], habit, 30 + random.nextInt(days - 29)));
        }
        step("users", 0, users.size());
        for (int i = 0; i < users.size(); i++) {
            User u = users.get(i);
            call("POST", "/api/v1/users", admin, null, json("user_id", u.id(), "username", u.username(), "full_name", u.name(),
                    "email", u.username() + "@demo.xentree.test", "time_zone", u.zone()), 200, 201);
            step("users", i + 1, users.size());
        }

        // an events:write key for the ingestion, as a platform service would hold (an earlier run's is revoked)
        Matcher old = Pattern.compile("\"id\":\"([a-z0-9]+)\",\"name\":\"demo data generator\"")
                .matcher(call("GET", "/api/v1/api-keys", admin, null, null, 200));
        while (old.find()) {
            call("DELETE", "/api/v1/api-keys/" + old.group(1), admin, null, null, 204, 404);
        }
        String keyBody = call("POST", "/api/v1/api-keys", admin, null, "{\"name\":\"demo data generator\",\"scopes\":[\"events:write\"]}", 201);
        String apiKey = field(keyBody, "key");
        for (int i = 0; i < 100 && call("POST", "/api/v1/events", null, apiKey, "{\"events\":[]}", 401, 422).contains("Not authenticated"); i++) {
            Thread.sleep(200);
        }

        // organizations and teams (the demo admin owns them); members join once their history is in (below)
        String owner = MintToken.token(Map.of("keys", keys, "sub", "demo-admin", "username", "demo_admin"), List.of());
        List<String> orgIds = new ArrayList<>();
        List<List<String>> orgTeams = new ArrayList<>();
        int members = 0;
        for (int o = 0; o < orgCount; o++) {
            String name = "Demo Academy " + (char) ('A' + o);
            String org = field(call("POST", "/api/v1/organizations", owner, null,
                    json("name", name, "description", "Demo organization " + (o + 1)), 201, 409), "id");
            if (org == null) { // created by an earlier run: use it
                Matcher existing = Pattern.compile("\\{\"id\":\"([^\"]+)\",\"name\":\"" + name + "\"")
                        .matcher(call("GET", "/api/v1/organizations", owner, null, null, 200));
                if (!existing.find()) {
                    continue;
                }
                org = existing.group(1);
            }
            orgIds.add(org);
            List<String> teams = new ArrayList<>();
            for (String team : new String[] {"Sales", "Engineering", "Support"}) {
                String id = field(call("POST", "/api/v1/organizations/" + org + "/teams", owner, null, json("name", team), 201, 409), "id");
                if (id == null) { // an earlier run's team
                    Matcher t = Pattern.compile("\"id\":\"([^\"]+)\",\"organization_id\":\"[^\"]+\",\"name\":\"" + team + "\"")
                            .matcher(call("GET", "/api/v1/organizations/" + org + "/teams", owner, null, null, 200));
                    id = t.find() ? t.group(1) : null;
                }
                teams.add(id);
            }
            orgTeams.add(teams);
        }

        // a year of activity, in the users' own time zones, posted in batches of 1000
        Instant now = Instant.now();
        List<String> events = new ArrayList<>();
        Map<String, LocalDate> firstActive = new HashMap<>();
        long demoSessions = 0;
        for (User u : users) {
            ZoneId zone = ZoneId.of(u.zone());
            LocalDate today = LocalDate.ofInstant(now, zone);
            for (int back = Math.min(u.sinceDaysAgo(), days - 1); back >= 0; back--) {
                boolean recentStreak = u.id().equals("demo-user") && back < 21;
                double rate = u.activeRate() * (u.activeRate() < 0.1 && back < 60 ? 0 : 1); // lapsed learners stopped
                if (!recentStreak && random.nextDouble() > rate) {
                    continue;
                }
                firstActive.putIfAbsent(u.id(), today.minusDays(back));
                int sessions = 1 + (random.nextDouble() < 0.35 ? 1 : 0) + (random.nextDouble() < 0.1 ? 1 : 0);
                for (int s = 0; s < sessions; s++) {
                    Object[] kind = KINDS[random.nextInt(KINDS.length)];
                    int minutes = (int) kind[3] + random.nextInt((int) kind[4] - (int) kind[3] + 1);
                    Instant at = today.minusDays(back).atTime(7 + random.nextInt(15), random.nextInt(60)).atZone(zone).toInstant();
                    if (at.isAfter(now)) {
                        at = now.minusSeconds(60L * (s + 1));
                    }
                    // ids derived from the seed: running the generator again with the same seed adds nothing
                    String eventId = UUID.nameUUIDFromBytes(("demo-event:" + seed + ":" + events.size()).getBytes()).toString();
                    StringBuilder e = new StringBuilder(json("event_id", eventId, "user_id", u.id(), "occurred_at",
                            at.toString(), "time_zone", u.zone(), "activity_type", (String) kind[0], "source", (String) kind[1],
                            "category", (String) kind[2]));
                    e.setLength(e.length() - 1);
                    e.append(",\"duration_seconds\":").append(minutes * 60 + random.nextInt(60));
                    if ((boolean) kind[5]) {
                        e.append(",\"score\":").append(40 + random.nextInt(61));
                    }
                    events.add(e.append('}').toString());
                    demoSessions += u.id().equals("demo-user") ? 1 : 0;
                }
            }
        }
        String learner = MintToken.token(Map.of("keys", keys, "sub", "demo-user", "username", "demo"), List.of());
        long before = pulseSessions(learner); // an earlier run's sessions, when the databases were not wiped
        long ingestStart = System.nanoTime();
        for (int i = 0; i < events.size(); i += 1000) {
            List<String> batch = events.subList(i, Math.min(i + 1000, events.size()));
            call("POST", "/api/v1/events", null, apiKey, "{\"events\":[" + String.join(",", batch) + "]}", 202);
            step("activity events", i + batch.size(), events.size());
        }
        double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;

        // members, each joined on the day they started learning (a back-dated join, as an import brings its history), so demo
        // organizations have past periods and retention cohorts over the year; a platform admin dates joins
        int joining = 0;
        for (int o = 0; o < orgIds.size(); o++) {
            for (int i = o; i < users.size(); i += orgCount) {
                joining++;
            }
        }
        step("members (joined when they started)", 0, joining);
        for (int o = 0, done = 0; o < orgIds.size(); o++) {
            for (int i = o; i < users.size(); i += orgCount) {
                User u = users.get(i);
                List<String> teams = orgTeams.get(o);
                members += join(admin, orgIds.get(o), u.id(), teams.get(i % teams.size()), i == o ? "admin" : "member",
                        joinedAt(firstActive.get(u.id()), now)) ? 1 : 0;
                step("members (joined when they started)", ++done, joining);
            }
        }

        // wait until the demo learner's pulse shows every new session: the consumers have caught up with them
        long seen = 0;
        for (int i = 0; i < 600 && seen < demoSessions; i++) {
            seen = pulseSessions(learner) - before;
            step("applied (demo learner's sessions)", (int) Math.min(seen, demoSessions), (int) demoSessions);
            if (seen < demoSessions) {
                Thread.sleep(500);
            }
        }
        double total = (System.nanoTime() - started) / 1e9;
        System.err.println();
        System.out.printf("""
                demo data: %d users, %d organizations (%d teams, %d memberships), %d activity events over %d days
                ingested in %.1f s (%.0f events/s through the gateway); everything ready after %.1f s
                sign in as the demo learner:  TOKEN=$(infra/mint-token.sh --sub demo-user --username demo)
                sign in as the demo admin:    ADMIN=$(infra/mint-token.sh --sub demo-admin --username demo_admin)
                organizations:                %s
                """, users.size(), orgIds.size(), orgIds.size() * 3, members, events.size(), days, ingestSeconds, events.size() / ingestSeconds,
                total, String.join(" ", orgIds));
    }

    /** Noon UTC of the day a user started learning (that local day's UTC date), or null (join now) if they never did or it is yet to come. */
    static Instant joinedAt(LocalDate firstActive, Instant now) {
        Instant at = firstActive == null ? null : firstActive.atTime(12, 0).toInstant(ZoneOffset.UTC);
        return at == null || at.isAfter(now) ? null : at;
    }

    /**
     * Adds a member, back-dated when {@code joinedAt} is given; true if added now (false: an earlier run did). admin-stats refuses a
     * join before the first day it knows of the user, so while it is still applying their first activities the add is retried.
     */
    static boolean join(String admin, String org, String user, String team, String role, Instant joinedAt) throws Exception {
        StringBuilder body = new StringBuilder(json("user_id", user, "team_id", team, "role", role));
        if (joinedAt != null) {
            body.setLength(body.length() - 1);
            body.append(",\"joined_at\":\"").append(joinedAt).append("\"}");
        }
        for (int attempt = 0; ; attempt++) {
            String answer = call("POST", "/api/v1/organizations/" + org + "/members", admin, null, body.toString(), 201, 409, 422);
            if (!answer.contains("known on the platform")) {
                if (answer.contains("\"detail\"")) {
                    throw new IllegalStateException("adding " + user + " answered " + answer);
                }
                return !answer.equals("{}");
            }
            if (attempt == 600) {
                throw new IllegalStateException("admin-stats has not applied the activity of " + user + " after 5 minutes: " + answer);
            }
            Thread.sleep(500);
        }
    }

    static long pulseSessions(String token) throws Exception {
        Matcher m = Pattern.compile("\"total_sessions\":(\\d+)").matcher(call("GET", "/api/xp/learning-pulse", token, null, null, 200));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static String call(String method, String path, String token, String apiKey, String body, int... expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 429 && attempt < 50) {
                Thread.sleep(1000); // the gateway's per-client limit: wait as Retry-After says
                continue;
            }
            for (int e : expected) {
                if (r.statusCode() == e) {
                    return r.statusCode() == 409 ? "{}" : r.body();
                }
            }
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    static String json(String... kv) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            s.append(i == 0 ? "" : ",").append('"').append(kv[i]).append("\":\"").append(kv[i + 1].replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return s.append('}').toString();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Progress: a bar redrawn in place on a terminal; elsewhere (a log, CI output) carriage returns
     * would make one endless line, so a plain line per tenth of the way instead.
     */
    static void step(String what, int done, int total) {
        int pct = total == 0 ? 100 : (int) ((long) done * 100 / total);
        if (!progressBars) {
            int tenth = pct / 10;
            if (!what.equals(lastStep) || tenth > lastTenth) {
                System.err.printf("%s: %d%% %d/%d%n", what, pct, done, total);
            }
            lastStep = what;
            lastTenth = tenth;
            return;
        }
        int width = 30;
        int filled = total == 0 ? width : (int) Math.min(width, (long) done * width / total);
        System.err.printf("\r%-36s [%s%s] %3d%% %d/%d", what, "#".repeat(filled), " ".repeat(width - filled), pct, done, total);
        if (done >= total) {
            System.err.println();
        }
    }
}
