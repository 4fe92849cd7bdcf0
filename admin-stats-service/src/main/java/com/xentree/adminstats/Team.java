package com.xentree.adminstats;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A group of members inside one organization. */
@Entity
@Table(name = "team")
public class Team extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID organizationId;

    public String name;

    public Instant createdAt;

    public static List<Team> of(UUID organizationId) {
        return list("organizationId = ?1 order by lower(name)", organizationId);
    }

    public static boolean nameTaken(UUID organizationId, String name) {
        return count("organizationId = ?1 and lower(name) = lower(?2)", organizationId, name) > 0;
    }
}
