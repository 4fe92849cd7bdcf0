package com.xentree.adminstats;

import com.xentree.foundation.persistence.Timestamped;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A level an organization (or one of its teams) wants a metric at, per week, month or quarter. */
@Entity
@Table(name = "learning_target")
public class LearningTarget extends Timestamped {

    @Id
    public UUID id;

    public UUID organizationId;

    public UUID teamId;

    public String metric;

    public BigDecimal targetValue;

    public String period;

    public static List<LearningTarget> of(UUID organizationId) {
        return list("organizationId = ?1 order by metric, createdAt", organizationId);
    }

    public static Optional<LearningTarget> find(UUID organizationId, UUID teamId, String metric) {
        return teamId == null
                ? find("organizationId = ?1 and teamId is null and metric = ?2", organizationId, metric).firstResultOptional()
                : find("organizationId = ?1 and teamId = ?2 and metric = ?3", organizationId, teamId, metric).firstResultOptional();
    }
}
