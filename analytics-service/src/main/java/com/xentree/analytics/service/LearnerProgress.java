package com.xentree.analytics.service;

import com.xentree.analytics.Achievements;
import com.xentree.analytics.Quests;
import com.xentree.analytics.Streaks;
import com.xentree.events.LocalDay;
import com.xentree.events.ProgressEvent;
import com.xentree.events.QuestItem;
import com.xentree.events.Topics;
import com.xentree.foundation.messaging.Outbox;
import com.xentree.foundation.sql.Sql;
import com.xentree.foundation.sql.SqlArrays;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * After new facts for some users are recorded, works out what changed in their streaks, today's
 * quests and achievements, and announces it on {@code analytics.progress.v1} through the outbox, in
 * the same transaction. Completions and unlocks are announced once, with ids derived from what was
 * completed, so a replay announces the same ids.
 */
@ApplicationScoped
public class LearnerProgress {

    /**
     * The consumer group of the topics whose facts change learner progress (activities, XP awards):
     * one consumer applies both, so their transactions never wait for each other's row locks.
     */
    public static final String CONSUMER_GROUP = "learner-progress";

    /** The transaction resource holding the users to refresh before the transaction commits. */
    private static final String PENDING = LearnerProgress.class.getName() + ".pending";

    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * {@link #refresh} of the users once, just before the current transaction commits, however many
     * batches in it touched them: activities and XP awards of one poll share a transaction, and a
     * user touched by both is evaluated once, on the facts of both.
     */
    public void refreshBeforeCommit(Map<String, Instant> latestByUser) {
        Map<String, Instant> pending = pendingRefresh();
        latestByUser.forEach((user, at) -> pending.merge(user, at, (a, b) -> a.isAfter(b) ? a : b));
    }

    /** The current transaction's users to refresh before it commits; the first call arranges the refresh. */
    private Map<String, Instant> pendingRefresh() {
        @SuppressWarnings("unchecked")
        Map<String, Instant> pending = (Map<String, Instant>) transactions.getResource(PENDING);
        if (pending == null) {
            Map<String, Instant> users = new HashMap<>();
            transactions.putResource(PENDING, users);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
                        return; // rolling back: nothing to evaluate
                    }
                    try (Connection c = dataSource.getConnection()) {
                        refresh(c, users);
                    } catch (SQLException e) {
                        throw new IllegalStateException("could not refresh learner progress", e);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    // nothing held
                }
            });
            pending = users;
        }
        return pending;
    }

    /**
     * Re-evaluates the touched users' streaks, today's quests and achievements. Set-based: a fixed
     * number of statements per batch whatever the number of users (reads by key for all of them at
     * once, writes from {@code unnest} arrays whose {@code returning} rows say what changed), with the
     * same outcome and the same messages, in the same order per user, as evaluating the users one by one.
     *
     * @param latestByUser each touched user and the latest {@code occurred_at} of their new facts
     */
    public void refresh(Connection c, Map<String, Instant> latestByUser) throws SQLException {
        if (latestByUser.isEmpty()) {
            return;
        }
        Evaluation e = new Evaluation(c, latestByUser, clock.instant());
        e.readTodaysFacts();
        e.evaluateStreaks();
        e.evaluateQuests();
        e.unlockAchievements();
        outbox.add(e.announcements());
    }

    private record QuestState(String userId, Quests.Quest quest, int progress) {
    }

    /** One batch's evaluation: what was read, computed and changed, step by step. */
    private final class Evaluation {
        final Connection c;
        final Map<String, Instant> latestByUser;
        final Instant now;
        final List<String> users;
        final Object[] userArray;
        final Map<String, LocalDate> today = new HashMap<>();
        Object[] todayArray;
        final Map<String, List<LocalDate>> active = new HashMap<>();
        final Map<String, Quests.DayTotals> todays = new HashMap<>();
        final Map<String, Long> learningSeconds = new HashMap<>();
        final Map<String, Streaks.Status> streaks = new HashMap<>();
        Set<String> streakChanged = Set.of();
        final Map<String, List<QuestState>> questsByUser = new HashMap<>();
        final Set<String> questsMoved = new HashSet<>();
        Set<UUID> completedNow = Set.of();
        Set<String> unlockedNow = Set.of();

        Evaluation(Connection c, Map<String, Instant> latestByUser, Instant now) {
            this.c = c;
            this.latestByUser = latestByUser;
            this.now = now;
            this.users = new ArrayList<>(new TreeMap<>(latestByUser).keySet());
            this.userArray = users.toArray();
        }

        /** Each user's local today, then per user one row: active days, all learning time, today's totals. */
        void readTodaysFacts() throws SQLException {
            Map<String, String> zones = zones();
            for (String u : users) {
                today.put(u, LocalDay.today(now, zones.getOrDefault(u, LocalDay.DEFAULT_ZONE.getId())));
            }
            todayArray = users.stream().map(u -> java.sql.Date.valueOf(today.get(u))).toArray();
            Sql.each(c, """
                    select k.user_id, a.active_days, a.learning_seconds, t.learning_seconds, t.sessions, t.xp
                      from unnest(?::text[], ?::date[]) as k(user_id, today)
                      left join lateral (select active_days, learning_seconds from user_activity where user_id = k.user_id offset 0) a
                           on true
                      left join lateral (select learning_seconds, sessions, xp from user_day where user_id = k.user_id and day = k.today
                                         offset 0) t on true""", rs -> {
                String u = rs.getString(1);
                active.put(u, LearnerFacts.epochDays(rs.getArray(2)));
                learningSeconds.put(u, rs.getLong(3));
                todays.put(u, new Quests.DayTotals(rs.getLong(4), rs.getInt(5), rs.getLong(6)));
            }, c.createArrayOf("text", userArray), c.createArrayOf("date", todayArray));
        }

        /**
         * Lookups by key through lateral subqueries kept apart by "offset 0": an index lookup per user whatever
         * the statistics (a table not yet analyzed otherwise gets scanned whole, or merge-joined from its first row).
         */
        private Map<String, String> zones() throws SQLException {
            Map<String, String> zones = new HashMap<>();
            Sql.each(c, """
                    select k.user_id, p.time_zone from unnest(?::text[]) as k(user_id)
                      join lateral (select time_zone from user_profile where user_id = k.user_id offset 0) p on true""",
                    rs -> zones.put(rs.getString(1), rs.getString(2)), c.createArrayOf("text", userArray));
            return zones;
        }

        /** One upsert writes only the users whose figures changed, and names them. */
        void evaluateStreaks() throws SQLException {
            Map<String, Set<LocalDate>> repaired = daysByUser(c, "select user_id, day from streak_repair where user_id = any(?)", userArray);
            for (String u : users) {
                streaks.put(u, Streaks.compute(active.getOrDefault(u, List.of()), repaired.getOrDefault(u, Set.of()), today.get(u)));
            }
            streakChanged = upsertStreaks(c, streaks);
        }

        /** Progress from today's totals; rows written where progress moved, completion marked once. */
        void evaluateQuests() throws SQLException {
            Map<UUID, Integer> stored = storedQuestProgress();
            List<QuestState> reached = new ArrayList<>();
            List<QuestState> moved = new ArrayList<>();
            for (String u : users) {
                Quests.DayTotals totals = todays.getOrDefault(u, new Quests.DayTotals(0, 0, 0));
                List<QuestState> list = new ArrayList<>(3);
                for (Quests.Quest q : Quests.draw(u, today.get(u))) {
                    QuestState state = new QuestState(u, q, Quests.progress(q, totals));
                    list.add(state);
                    if (!Objects.equals(stored.get(q.id()), state.progress())) {
                        questsMoved.add(u);
                        moved.add(state);
                    }
                    if (state.progress() >= q.target()) {
                        reached.add(state);
                    }
                }
                questsByUser.put(u, list);
            }
            storeQuests(moved);
            completedNow = markCompleted(reached);
        }

        private Map<UUID, Integer> storedQuestProgress() throws SQLException {
            Map<UUID, Integer> stored = new HashMap<>();
            Sql.each(c, """
                    select k.user_id, q.quest_id, q.current_progress from unnest(?::text[], ?::date[]) as k(user_id, day)
                      join lateral (select quest_id, current_progress from quest where user_id = k.user_id and quest_date = k.day offset 0) q
                           on true""", rs -> stored.put(rs.getObject(2, UUID.class), rs.getInt(3)),
                    c.createArrayOf("text", userArray), c.createArrayOf("date", todayArray));
            return stored;
        }

        private void storeQuests(List<QuestState> moved) throws SQLException {
            if (moved.isEmpty()) {
                return;
            }
            Sql.update(c, """
                    insert into quest (quest_id, user_id, quest_date, category, title, target_value, current_progress, reward_multiplier,
                                       reward_duration)
                    select * from unnest(?::uuid[], ?::text[], ?::date[], ?::text[], ?::text[], ?::int[], ?::int[], ?::numeric[], ?::int[])
                    on conflict (quest_id) do update set current_progress = excluded.current_progress""",
                    SqlArrays.column(c, "uuid", moved, q -> q.quest().id()),
                    SqlArrays.column(c, "text", moved, QuestState::userId),
                    SqlArrays.column(c, "date", moved, q -> java.sql.Date.valueOf(today.get(q.userId()))),
                    SqlArrays.column(c, "text", moved, q -> q.quest().category()),
                    SqlArrays.column(c, "text", moved, q -> q.quest().title()),
                    SqlArrays.column(c, "int4", moved, q -> q.quest().target()),
                    SqlArrays.column(c, "int4", moved, QuestState::progress),
                    SqlArrays.column(c, "numeric", moved, q -> q.quest().rewardMultiplier()),
                    SqlArrays.column(c, "int4", moved, q -> q.quest().rewardMinutes()));
        }

        /** Completion is marked once: the ids this statement marked are the quests completed now. */
        private Set<UUID> markCompleted(List<QuestState> reached) throws SQLException {
            if (reached.isEmpty()) {
                return new HashSet<>();
            }
            return new HashSet<>(Sql.list(c, """
                    update quest set completed_at = r.at from unnest(?::uuid[], ?::timestamptz[]) as r(id, at)
                     where quest.quest_id = r.id and quest.completed_at is null
                    returning quest.quest_id""", rs -> rs.getObject(1, UUID.class),
                    c.createArrayOf("uuid", reached.stream().map(q -> q.quest().id()).toArray()), c.createArrayOf("timestamptz",
                            reached.stream().map(q -> Timestamp.from(completedAt(latestByUser.get(q.userId()), now))).toArray())));
        }

        /**
         * Achievements reached with the standing after this batch's quest completions and not unlocked before; the
         * rows inserted are the unlocks. Most reached achievements were unlocked batches ago: leaving them out here
         * reads each learner's unlocks in one index range instead of probing the key once per reached achievement.
         */
        void unlockAchievements() throws SQLException {
            List<String[]> unlocks = new ArrayList<>();
            for (Standing standing : standings()) {
                for (Achievements.Achievement a : Achievements.CATALOGUE) {
                    if (Achievements.progress(a, standing.now()) >= a.goal() && !standing.unlocked().contains(a.id())) {
                        unlocks.add(new String[] {standing.userId(), a.id()});
                    }
                }
            }
            unlockedNow = insertUnlocks(unlocks);
        }

        /** A learner's standing now and the achievements unlocked before. */
        private record Standing(String userId, Achievements.Standing now, Set<String> unlocked) {
        }

        private List<Standing> standings() throws SQLException {
            List<Standing> standings = new ArrayList<>(users.size());
            Sql.each(c, """
                    select k.user_id, x.level, (select count(*) from quest where user_id = k.user_id and completed_at is not null),
                           array(select achievement_id from achievement_unlock where user_id = k.user_id)
                      from unnest(?::text[]) as k(user_id)
                      left join lateral (select level from user_xp where user_id = k.user_id offset 0) x on true""", rs -> {
                String u = rs.getString(1);
                standings.add(new Standing(u, new Achievements.Standing(streaks.get(u).longest(), learningSeconds.getOrDefault(u, 0L),
                        (int) Math.max(1, rs.getLong(2)), (int) rs.getLong(3)), Set.of((String[]) rs.getArray(4).getArray())));
            }, c.createArrayOf("text", userArray));
            standings.sort(Comparator.comparing(Standing::userId)); // unlock rows locked in one order by every writer
            return standings;
        }

        private Set<String> insertUnlocks(List<String[]> unlocks) throws SQLException {
            if (unlocks.isEmpty()) {
                return new HashSet<>();
            }
            return new HashSet<>(Sql.list(c, """
                    insert into achievement_unlock (user_id, achievement_id, unlocked_at)
                    select u, a, ? from unnest(?::text[], ?::text[]) as t(u, a)
                    on conflict do nothing returning user_id, achievement_id""", rs -> rs.getString(1) + "\n" + rs.getString(2), now,
                    c.createArrayOf("text", unlocks.stream().map(un -> un[0]).toArray()),
                    c.createArrayOf("text", unlocks.stream().map(un -> un[1]).toArray())));
        }

        /** Per user in the order of their causes: streak, completions, today's quests, achievements. */
        List<Outbox.Message> announcements() {
            List<Outbox.Message> messages = new ArrayList<>();
            for (String u : users) {
                announceStreak(u, messages);
                announceQuests(u, messages);
                announceUnlocks(u, messages);
            }
            return messages;
        }

        private void announceStreak(String u, List<Outbox.Message> messages) {
            if (streakChanged.contains(u)) {
                Streaks.Status st = streaks.get(u);
                messages.add(new Outbox.Message(Topics.ANALYTICS_PROGRESS, u, ProgressEvent.streakChanged(UUID.randomUUID(), now, u,
                        st.current(), st.longest(), st.dayOnly(), st.currentValidThrough(), st.dayOnlyValidThrough())));
            }
        }

        /** Completions carry ids derived from the quest, so a replay announces the same ids. */
        private void announceQuests(String u, List<Outbox.Message> messages) {
            LocalDate day = today.get(u);
            Instant completedAt = completedAt(latestByUser.get(u), now);
            List<QuestItem> items = new ArrayList<>(3);
            for (QuestState q : questsByUser.get(u)) {
                if (completedNow.contains(q.quest().id())) {
                    UUID eventId = UUID.nameUUIDFromBytes(("quest_completed:" + q.quest().id()).getBytes(StandardCharsets.UTF_8));
                    messages.add(new Outbox.Message(Topics.ANALYTICS_PROGRESS, u, ProgressEvent.questCompleted(eventId, completedAt, u,
                            q.quest().id().toString(), day, q.quest().rewardMultiplier().doubleValue(), q.quest().rewardMinutes())));
                }
                items.add(Quests.item(q.quest(), day, q.progress(), false, day));
            }
            if (questsMoved.contains(u)) {
                messages.add(new Outbox.Message(Topics.ANALYTICS_PROGRESS, u, ProgressEvent.questsChanged(UUID.randomUUID(), now, u, day, items)));
            }
        }

        private void announceUnlocks(String u, List<Outbox.Message> messages) {
            for (Achievements.Achievement a : Achievements.CATALOGUE) {
                if (unlockedNow.contains(u + "\n" + a.id())) {
                    UUID eventId = UUID.nameUUIDFromBytes(("achievement:" + u + ":" + a.id()).getBytes(StandardCharsets.UTF_8));
                    messages.add(new Outbox.Message(Topics.ANALYTICS_PROGRESS, u, ProgressEvent.achievementUnlocked(eventId, now, u, a.id())));
                }
            }
        }
    }

    /** A quest reached in this batch completes at the latest moment of the facts that reached it, never in the future. */
    private static Instant completedAt(Instant latest, Instant now) {
        return latest.isAfter(now) ? now : latest;
    }

    private static Map<String, Set<LocalDate>> daysByUser(Connection c, String sql, Object[] users) throws SQLException {
        Map<String, Set<LocalDate>> days = new HashMap<>();
        Sql.each(c, sql, rs -> days.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getObject(2, LocalDate.class)),
                c.createArrayOf("text", users));
        return days;
    }

    /** Stores the users' streaks; writes only where a figure or a valid-through day changed, and returns those users. */
    private static Set<String> upsertStreaks(Connection c, Map<String, Streaks.Status> streaks) throws SQLException {
        List<String> users = new ArrayList<>(new TreeSet<>(streaks.keySet())); // rows locked in one order by every writer
        List<Streaks.Status> figures = users.stream().map(streaks::get).toList();
        return new HashSet<>(Sql.list(c, """
                insert into streak_state (user_id, current_streak, longest_streak, day_only_streak, current_streak_valid_through,
                                          day_only_streak_valid_through)
                select * from unnest(?::text[], ?::int[], ?::int[], ?::int[], ?::date[], ?::date[])
                on conflict (user_id) do update
                   set current_streak = excluded.current_streak, longest_streak = excluded.longest_streak,
                       day_only_streak = excluded.day_only_streak,
                       current_streak_valid_through = excluded.current_streak_valid_through,
                       day_only_streak_valid_through = excluded.day_only_streak_valid_through
                 where (streak_state.current_streak, streak_state.longest_streak, streak_state.day_only_streak,
                        streak_state.current_streak_valid_through, streak_state.day_only_streak_valid_through)
                       is distinct from
                       (excluded.current_streak, excluded.longest_streak, excluded.day_only_streak,
                        excluded.current_streak_valid_through, excluded.day_only_streak_valid_through)
                returning user_id""", rs -> rs.getString(1),
                c.createArrayOf("text", users.toArray()),
                c.createArrayOf("int4", figures.stream().map(Streaks.Status::current).toArray()),
                c.createArrayOf("int4", figures.stream().map(Streaks.Status::longest).toArray()),
                c.createArrayOf("int4", figures.stream().map(Streaks.Status::dayOnly).toArray()),
                c.createArrayOf("date", figures.stream().map(f -> sqlDate(f.currentValidThrough())).toArray()),
                c.createArrayOf("date", figures.stream().map(f -> sqlDate(f.dayOnlyValidThrough())).toArray())));
    }

    private static java.sql.Date sqlDate(LocalDate day) {
        return day == null ? null : java.sql.Date.valueOf(day);
    }

    /** Re-evaluates one user's streak on their {@code today} and announces a change; used after a repair too. */
    public Streaks.Status refreshStreak(Connection c, String userId, LocalDate today, List<Outbox.Message> messages) throws SQLException {
        Streaks.Status s = LearnerFacts.streak(c, userId, today);
        if (!upsertStreaks(c, Map.of(userId, s)).isEmpty()) {
            messages.add(new Outbox.Message(Topics.ANALYTICS_PROGRESS, userId, ProgressEvent.streakChanged(UUID.randomUUID(),
                    clock.instant(), userId, s.current(), s.longest(), s.dayOnly(), s.currentValidThrough(), s.dayOnlyValidThrough())));
        }
        return s;
    }

    static Achievements.Standing standing(Connection c, String userId, Streaks.Status streak) throws SQLException {
        return new Achievements.Standing(streak.longest(),
                Sql.number(c, "select learning_seconds from user_activity where user_id = ?", userId),
                (int) Math.max(1, Sql.number(c, "select level from user_xp where user_id = ?", userId)),
                (int) Sql.number(c, "select count(*) from quest where user_id = ? and completed_at is not null", userId));
    }
}
