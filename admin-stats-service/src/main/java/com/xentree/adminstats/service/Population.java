package com.xentree.adminstats.service;

import com.xentree.adminstats.Metric;
import com.xentree.adminstats.service.Rollups.Day;
import com.xentree.adminstats.service.Rollups.Member;
import com.xentree.adminstats.service.Rollups.Totals;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The admin population of DESIGN.md section 4, the one rule every admin view counts by: the
 * organization's current members in scope (the team filter applied). Every activity figure of a
 * period (a range, its previous range, a trend period, an objective's or a target's period) sums
 * the activity of this same population in that period, whatever their join dates, so periods add
 * up to their range and two views never give two answers for one figure; rates divide by its size.
 * Join dates decide only {@link #joinedBy total members}, {@link #joinedWithin who is new} in a
 * period and so retention cohorts.
 */
public final class Population {

    private final List<Member> members;

    public Population(List<Member> currentMembersInScope) {
        this.members = List.copyOf(currentMembersInScope);
    }

    public List<Member> members() {
        return members;
    }

    /** What rates divide by, in every period alike. */
    public int size() {
        return members.size();
    }

    /** The part of the population in one team ({@code null}: members in no team), for per-team figures under the same rule. */
    public Population inTeam(UUID teamId) {
        return new Population(members.stream().filter(m -> Objects.equals(m.teamId(), teamId)).toList());
    }

    /** {@code total_members} at the end of {@code day}: members who had joined by then (the only figure that counts by join date). */
    public long joinedBy(LocalDate day) {
        return members.stream().filter(m -> !Rollups.joinDay(m).isAfter(day)).count();
    }

    /** The members new in a period (joined from {@code from} to {@code to}): retention cohorts and new-member counts. */
    public List<Member> joinedWithin(LocalDate from, LocalDate to) {
        return members.stream().filter(m -> !Rollups.joinDay(m).isBefore(from) && !Rollups.joinDay(m).isAfter(to)).toList();
    }

    /**
     * What a period amounts to: every member's activity in it, given per member by {@code activity}
     * (absent: none), and the whole population as the members rates divide by.
     */
    public Metric.Aggregate aggregate(LocalDate from, LocalDate to, Function<Member, Totals> activity) {
        long active = 0;
        Totals sum = Totals.NONE;
        for (Member m : members) {
            Totals t = activity.apply(m);
            if (t != null) {
                active += t.active() ? 1 : 0;
                sum = sum.plus(t);
            }
        }
        return new Metric.Aggregate(size(), active, sum.seconds(), sum.sessions(), sum.xp(), sum.scoreSum(), sum.scoreCount(),
                (int) ChronoUnit.DAYS.between(from, to) + 1);
    }

    /** {@link #aggregate(LocalDate, LocalDate, Function)} from the members' per-day rollups. */
    public Metric.Aggregate aggregate(Map<String, Map<LocalDate, Day>> days, LocalDate from, LocalDate to) {
        return aggregate(from, to, m -> Rollups.totals(days.get(m.userId()), from, to));
    }
}
