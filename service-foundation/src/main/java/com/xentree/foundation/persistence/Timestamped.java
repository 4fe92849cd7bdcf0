package com.xentree.foundation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * An entity that people create and then edit: when it came into being and when it last changed
 * ({@code created_at}, {@code updated_at}). The service that writes it sets both from its clock.
 */
@MappedSuperclass
public abstract class Timestamped extends PanacheEntityBase {

    public Instant createdAt;

    public Instant updatedAt;
}
