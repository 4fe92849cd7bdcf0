package com.xentree.adminstats;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An organization's own LVI weights; without a row the defaults apply. */
@Entity
@Table(name = "lvi_weights")
public class LviWeights extends PanacheEntityBase {

    @Id
    @Column(name = "organization_id")
    public UUID organizationId;

    @Column(name = "learning_time")
    public BigDecimal learningTime;

    @Column(name = "active_days")
    public BigDecimal activeDays;

    public BigDecimal xp;

    @Column(name = "average_score")
    public BigDecimal averageScore;

    @Column(name = "objective_progress")
    public BigDecimal objectiveProgress;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public Lvi.Weights weights() {
        return new Lvi.Weights(learningTime.doubleValue(), activeDays.doubleValue(), xp.doubleValue(), averageScore.doubleValue(),
                objectiveProgress.doubleValue());
    }
}
