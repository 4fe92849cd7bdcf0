package com.xentree.adminstats;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** One measurable result of an objective: a {@link Metric} from a baseline to a target. */
@Entity
@Table(name = "key_result")
public class KeyResult extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID objectiveId;

    public int position;

    public String metric;

    public BigDecimal baseline;

    public BigDecimal target;

    public static List<KeyResult> of(UUID objectiveId) {
        return list("objectiveId = ?1 order by position", objectiveId);
    }
}
