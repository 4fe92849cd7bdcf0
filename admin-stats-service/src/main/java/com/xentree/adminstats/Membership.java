package com.xentree.adminstats;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The role of one user in one organization, their team, and when they joined. */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final Set<String> ROLES = Set.of(OWNER, ADMIN, MEMBER);

    @Id
    public UUID id;

    public UUID organizationId;

    public String userId;

    public String role;

    public UUID teamId;

    public Instant joinedAt;

    public boolean administers() {
        return OWNER.equals(role) || ADMIN.equals(role);
    }

    public static Optional<Membership> of(UUID organizationId, String userId) {
        return find("organizationId = ?1 and userId = ?2", organizationId, userId).firstResultOptional();
    }

    public static List<Membership> ofOrganization(UUID organizationId) {
        return list("organizationId = ?1 order by joinedAt, userId", organizationId);
    }

    public static List<Membership> ofUser(String userId) {
        return list("userId = ?1", userId);
    }

    public static long owners(UUID organizationId) {
        return count("organizationId = ?1 and role = ?2", organizationId, OWNER);
    }
}
