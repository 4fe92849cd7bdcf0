package com.xentree.adminstats.service;

import com.xentree.adminstats.service.MemberDays.Series;
import com.xentree.adminstats.service.Rollups.Member;
import com.xentree.adminstats.service.Rollups.MemberTotals;
import com.xentree.adminstats.service.Rollups.Range;
import com.xentree.adminstats.service.Rollups.Totals;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sums of {@link Rollups#memberTotals} and {@link Rollups#dayTotals}, made from the in-memory
 * days of {@link MemberDays} instead of by PostgreSQL: the same figures by the same rules (a member
 * is active on a day with a session; absent days count nothing).
 */
final class MemberSums {

    private MemberSums() {
    }

    /** Each member's totals in the range and the previous range, and their active weeks from their join week (as Rollups). */
    static Map<String, MemberTotals> memberTotals(List<Member> members, Map<String, Series> days, Range r, LocalDate weeksFrom, int weeks) {
        Map<String, MemberTotals> totals = new HashMap<>(members.size() * 2);
        for (Member m : members) {
            Series s = days.get(m.userId());
            totals.put(m.userId(), new MemberTotals(sum(s, r.start(), r.end()), sum(s, r.previousStart(), r.previousEnd()),
                    activeWeeks(s, Rollups.monday(Rollups.joinDay(m)), r, weeksFrom, weeks)));
        }
        return totals;
    }

    /** Each day's totals over the members from {@code from} to {@code to}; days no member has a row for are absent. */
    static Map<LocalDate, Totals> dayTotals(List<Member> members, Map<String, Series> days, LocalDate from, LocalDate to) {
        int first = (int) from.toEpochDay();
        int n = (int) (to.toEpochDay() - first) + 1;
        long[] seconds = new long[n], sessions = new long[n], xp = new long[n], active = new long[n];
        boolean[] present = new boolean[n];
        for (Member m : members) {
            Series s = days.get(m.userId());
            for (int i = s.from(from); i < s.size() && s.days()[i] - first < n; i++) {
                int d = s.days()[i] - first;
                present[d] = true;
                seconds[d] += s.seconds()[i];
                sessions[d] += s.sessions()[i];
                xp[d] += s.xp()[i];
                active[d] += s.sessions()[i] > 0 ? 1 : 0;
            }
        }
        Map<LocalDate, Totals> totals = new HashMap<>();
        for (int d = 0; d < n; d++) {
            if (present[d]) {
                totals.put(LocalDate.ofEpochDay(first + d), new Totals(seconds[d], sessions[d], xp[d], active[d], 0, 0));
            }
        }
        return totals;
    }

    /** Scores are not summed: the dashboard shows none (as Rollups' sums). */
    private static Totals sum(Series s, LocalDate from, LocalDate to) {
        long seconds = 0, sessions = 0, xp = 0, active = 0;
        int last = (int) to.toEpochDay();
        for (int i = s.from(from); i < s.size() && s.days()[i] <= last; i++) {
            seconds += s.seconds()[i];
            sessions += s.sessions()[i];
            xp += s.xp()[i];
            active += s.sessions()[i] > 0 ? 1 : 0;
        }
        return new Totals(seconds, sessions, xp, active, 0, 0);
    }

    /** Bit k: active in week k from the join week, counting only days from {@code weeksFrom} to the range's end (as Rollups). */
    private static int activeWeeks(Series s, LocalDate joinWeek, Range r, LocalDate weeksFrom, int weeks) {
        if (!joinWeek.plusWeeks(weeks).isAfter(weeksFrom) || joinWeek.isAfter(r.end())) {
            return 0;
        }
        LocalDate from = joinWeek.isAfter(weeksFrom) ? joinWeek : weeksFrom;
        LocalDate lastWeekDay = joinWeek.plusDays(7L * weeks - 1);
        int to = (int) (lastWeekDay.isBefore(r.end()) ? lastWeekDay : r.end()).toEpochDay();
        int bits = 0;
        for (int i = s.from(from); i < s.size() && s.days()[i] <= to; i++) {
            if (s.sessions()[i] > 0) {
                bits |= 1 << ((s.days()[i] - joinWeek.toEpochDay()) / 7);
            }
        }
        return bits;
    }
}
