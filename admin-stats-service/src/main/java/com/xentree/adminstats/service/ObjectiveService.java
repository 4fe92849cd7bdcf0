package com.xentree.adminstats.service;

import com.xentree.adminstats.KeyResult;
import com.xentree.adminstats.Metric;
import com.xentree.adminstats.Objective;
import com.xentree.adminstats.Organization;
import com.xentree.adminstats.rest.ProgressImpactDtos.KeyResultPayload;
import com.xentree.adminstats.rest.ProgressImpactDtos.ObjectiveCreateRequest;
import com.xentree.adminstats.rest.ProgressImpactDtos.ObjectiveKeyResult;
import com.xentree.adminstats.rest.ProgressImpactDtos.ObjectiveResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ObjectiveSuggestRequest;
import com.xentree.adminstats.rest.ProgressImpactDtos.ObjectiveSuggestResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ObjectiveSuggestedItem;
import com.xentree.foundation.rest.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Learning objectives with key results measured, never typed in: each key result's current value is
 * its {@link Metric} over the organization's admin {@link Population} from the objective's start to
 * today (or its due date, if passed).
 */
@ApplicationScoped
public class ObjectiveService {

    /** Suggestions are measured over this many days ending today. */
    public static final int MEASURED_DAYS = 30;

    @Inject
    ScopeReader scopes;
    @Inject
    Clock clock;

    public List<ObjectiveResponse> list(SecurityIdentity caller, UUID organizationId, boolean includeArchived) {
        OrganizationService.access(caller, organizationId, true);
        Organization org = OrganizationService.organization(organizationId);
        return Objective.of(organizationId, includeArchived).stream().map(o -> measure(org, o)).toList();
    }

    @Transactional
    public ObjectiveResponse create(SecurityIdentity caller, UUID organizationId, ObjectiveCreateRequest request) {
        OrganizationService.access(caller, organizationId, true);
        Organization org = OrganizationService.organization(organizationId);
        List<String> problems = new ArrayList<>();
        if (request.dueDate().isBefore(request.startDate())) {
            problems.add("due_date: must not be before start_date");
        }
        for (int i = 0; i < request.keyResults().size(); i++) {
            KeyResultPayload kr = request.keyResults().get(i);
            String at = "key_results[" + i + "].";
            Metric metric = Metric.of(kr.metric()).orElse(null);
            double baseline = kr.baseline() == null ? 0 : kr.baseline();
            if (metric == null) {
                problems.add(at + "metric: one of " + Metric.keys());
            } else if (kr.target() > metric.max) {
                problems.add(at + "target: at most " + (long) metric.max + " " + metric.unit);
            }
            if (kr.target() <= baseline) {
                problems.add(at + "target: must be above the baseline (" + baseline + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(422, "Invalid objective: " + String.join("; ", problems), problems);
        }
        Objective o = new Objective();
        o.id = UUID.randomUUID();
        o.organizationId = organizationId;
        o.title = request.title().strip();
        o.description = request.description();
        o.startDate = request.startDate();
        o.dueDate = request.dueDate();
        o.status = Objective.ACTIVE;
        o.createdBy = caller.getPrincipal().getName();
        o.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        o.persist();
        for (int i = 0; i < request.keyResults().size(); i++) {
            KeyResultPayload p = request.keyResults().get(i);
            KeyResult kr = new KeyResult();
            kr.id = UUID.randomUUID();
            kr.objectiveId = o.id;
            kr.position = i;
            kr.metric = p.metric();
            kr.baseline = BigDecimal.valueOf(p.baseline() == null ? 0 : p.baseline());
            kr.target = BigDecimal.valueOf(p.target());
            kr.persist();
        }
        KeyResult.flush();
        return measure(org, o);
    }

    /** Archives: the objective leaves the list but keeps its history. */
    @Transactional
    public void archive(SecurityIdentity caller, UUID organizationId, UUID objectiveId) {
        OrganizationService.access(caller, organizationId, true);
        Objective o = Objective.findById(objectiveId);
        if (o == null || !o.organizationId.equals(organizationId)) {
            throw new ApiException(404, "Objective not found");
        }
        if (Objective.ACTIVE.equals(o.status)) {
            o.status = Objective.ARCHIVED;
            o.archivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        }
    }

    /** One suggestion per metric from the organization's last 30 days, each with a draft due at the end of the quarter. */
    public ObjectiveSuggestResponse suggest(SecurityIdentity caller, UUID organizationId, ObjectiveSuggestRequest request) {
        OrganizationService.access(caller, organizationId, true);
        Organization org = OrganizationService.organization(organizationId);
        List<Metric> metrics = new ArrayList<>();
        List<String> asked = request == null || request.metrics() == null || request.metrics().isEmpty()
                ? List.of(Metric.keys().split(", ")) : request.metrics();
        for (String key : asked) {
            metrics.add(Metric.of(key).orElseThrow(() -> new ApiException(422, "metrics: one or more of " + Metric.keys())));
        }
        LocalDate today = scopes.today();
        LocalDate from = today.minusDays(MEASURED_DAYS - 1);
        LocalDate due = request != null && request.dueDate() != null ? request.dueDate() : endOfQuarter(today);
        if (due.isBefore(today)) {
            throw new ApiException(422, "due_date: must not be in the past");
        }
        ScopeReader.Scope scope = scopes.period(org, null, from, today);
        var measured = scope.aggregate(from, today);
        List<ObjectiveSuggestedItem> items = new ArrayList<>();
        for (Metric m : metrics) {
            double current = m.value(measured);
            double target = m.suggestTarget(current);
            String title = "Raise the " + m.label.toLowerCase() + " to " + format(target) + " " + m.unit + " by " + due;
            String rationale = "Measured " + format(current) + " " + m.unit + " over the last " + MEASURED_DAYS + " days (" + from + " to "
                    + today + "); " + format(target) + " is a stretching but reachable step.";
            items.add(new ObjectiveSuggestedItem(m.key, m.label, m.unit, current, target, rationale,
                    new ObjectiveCreateRequest(title, rationale, today, due, List.of(new KeyResultPayload(m.key, target, current)))));
        }
        return new ObjectiveSuggestResponse(from, today, items);
    }

    /** The average progress of the organization's active objectives' key results (0 when there are none). */
    public double averageProgress(Organization org) {
        return Objective.of(org.id, false).stream().map(o -> measure(org, o)).flatMap(o -> o.keyResults().stream())
                .mapToDouble(ObjectiveKeyResult::progressPct).average().orElse(0);
    }

    private ObjectiveResponse measure(Organization org, Objective o) {
        LocalDate today = scopes.today();
        LocalDate to = o.dueDate.isBefore(today) ? o.dueDate : today;
        Metric.Aggregate aggregate = null;
        if (!o.startDate.isAfter(to)) {
            ScopeReader.Scope scope = scopes.period(org, null, o.startDate, to);
            aggregate = scope.aggregate(o.startDate, to);
        }
        List<ObjectiveKeyResult> krs = new ArrayList<>();
        for (KeyResult kr : KeyResult.of(o.id)) {
            Metric m = Metric.of(kr.metric).orElseThrow();
            double current = aggregate == null ? 0 : m.value(aggregate);
            krs.add(new ObjectiveKeyResult(kr.id, m.key, m.label, m.unit, kr.baseline.doubleValue(), kr.target.doubleValue(), current,
                    Metric.progress(current, kr.baseline.doubleValue(), kr.target.doubleValue())));
        }
        double progress = com.xentree.adminstats.Kpis.round1(krs.stream().mapToDouble(ObjectiveKeyResult::progressPct).average().orElse(0));
        return new ObjectiveResponse(o.id, o.title, o.description, o.startDate, o.dueDate, o.status, progress, krs, o.createdAt, o.archivedAt);
    }

    static LocalDate endOfQuarter(LocalDate d) {
        return d.with(IsoFields.DAY_OF_QUARTER, 1).plusMonths(3).minusDays(1);
    }

    static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
