package com.xentree.adminstats;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A learning objective of an organization; its key results say how it is measured. */
@Entity
@Table(name = "objective")
public class Objective extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String ARCHIVED = "archived";

    @Id
    public UUID id;

    public UUID organizationId;

    public String title;

    public String description;

    public LocalDate startDate;

    public LocalDate dueDate;

    public String status;

    public String createdBy;

    public Instant createdAt;

    public Instant archivedAt;

    public static List<Objective> of(UUID organizationId, boolean includeArchived) {
        return includeArchived ? list("organizationId = ?1 order by createdAt, id", organizationId)
                : list("organizationId = ?1 and status = ?2 order by createdAt, id", organizationId, ACTIVE);
    }
}
