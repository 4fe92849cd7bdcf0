package com.xentree.adminstats;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
    public UUID organizationId;

    public BigDecimal learningTime;

    public BigDecimal activeDays;

    public BigDecimal xp;

    public BigDecimal averageScore;

    public BigDecimal objectiveProgress;

    public Instant updatedAt;

    public Lvi.Weights weights() {
        return new Lvi.Weights(learningTime.doubleValue(), activeDays.doubleValue(), xp.doubleValue(), averageScore.doubleValue(),
                objectiveProgress.doubleValue());
    }
}
