package com.xentree.analytics;

import com.xentree.events.QuestItem;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Daily quests (DESIGN.md section 4): three per user and local day, drawn deterministically by user
 * and date from the templates of four categories, with progress from that day's activity.
 */
public final class Quests {

    public static final String LEARNING_TIME = "learning_time";
    public static final String SESSIONS = "sessions";
    public static final String XP = "xp";
    public static final String STREAK = "streak";

    /** A kind of quest: its category, the targets it is drawn with, and its reward. */
    public record Template(String category, int[] targets, BigDecimal rewardMultiplier, int rewardMinutes) {

        String title(int target) {
            return switch (category) {
                case LEARNING_TIME -> "Learn for " + target + " minutes";
                case SESSIONS -> "Complete " + target + " learning sessions";
                case XP -> "Earn " + target + " XP";
                default -> "Keep your streak going";
            };
        }

        String description(int target) {
            return switch (category) {
                case LEARNING_TIME -> "Spend " + target + " minutes learning today";
                case SESSIONS -> "Finish " + target + " lessons, quizzes or conversations today";
                case XP -> "Collect " + target + " XP today";
                default -> "Learn anything today to extend your streak";
            };
        }
    }

    public static final List<Template> TEMPLATES = List.of(
            new Template(LEARNING_TIME, new int[] {10, 15, 20, 30}, new BigDecimal("1.5"), 30),
            new Template(SESSIONS, new int[] {2, 3, 4}, new BigDecimal("1.25"), 30),
            new Template(XP, new int[] {20, 50, 100}, new BigDecimal("1.5"), 20),
            new Template(STREAK, new int[] {1}, new BigDecimal("2.0"), 15));

    /** One drawn quest of a day, before progress. */
    public record Quest(UUID id, String category, String title, String description, int target, BigDecimal rewardMultiplier,
            int rewardMinutes) {
    }

    /** What a day's activity amounts to, for quest progress. */
    public record DayTotals(long learningSeconds, int sessions, long xp) {

        public boolean active() {
            return sessions > 0;
        }
    }

    private Quests() {
    }

    /** The user's three quests of the date: the same on every call, replica and replay. */
    public static List<Quest> draw(String userId, LocalDate date) {
        Random random = new Random(seed(userId + "|" + date));
        List<Template> templates = new ArrayList<>(TEMPLATES);
        Collections.shuffle(templates, random);
        List<Quest> quests = new ArrayList<>(3);
        for (Template t : templates.subList(0, 3)) {
            int target = t.targets()[random.nextInt(t.targets().length)];
            UUID id = UUID.nameUUIDFromBytes(("quest:" + userId + ":" + date + ":" + t.category()).getBytes(StandardCharsets.UTF_8));
            quests.add(new Quest(id, t.category(), t.title(target), t.description(target), target, t.rewardMultiplier(), t.rewardMinutes()));
        }
        return quests;
    }

    public static int progress(Quest quest, DayTotals day) {
        long value = switch (quest.category()) {
            case LEARNING_TIME -> day.learningSeconds() / 60;
            case SESSIONS -> day.sessions();
            case XP -> day.xp();
            default -> day.active() ? 1 : 0;
        };
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    /** The quest as the API shows it on {@code today}. */
    public static QuestItem item(Quest quest, LocalDate date, int progress, boolean completed, LocalDate today) {
        String status = status(completed || progress >= quest.target(), date, today);
        int percentage = (int) Math.min(100, (long) progress * 100 / quest.target());
        return new QuestItem(quest.id(), quest.title(), quest.description(), quest.category(), quest.target(), progress, percentage,
                status, quest.rewardMultiplier().doubleValue(), quest.rewardMinutes());
    }

    /** A quest's status on {@code today}: completed, else expired once its day has passed, else active. */
    public static String status(boolean completed, LocalDate questDate, LocalDate today) {
        return completed ? QuestItem.COMPLETED : questDate.isBefore(today) ? QuestItem.EXPIRED : QuestItem.ACTIVE;
    }

    private static long seed(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(Arrays.copyOf(digest, 8)).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
