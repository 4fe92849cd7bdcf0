package com.xentree.profile;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** An API key: acts as its owner with its scopes. Only the SHA-256 of its secret is stored. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public String id;

    public String ownerUserId;

    public String name;

    /** Space-separated, sorted. */
    public String scopes;

    public String secretSha256;

    public Instant createdAt;

    public Instant revokedAt;

    public Set<String> scopeSet() {
        return scopes == null || scopes.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(scopes.split(" ")));
    }

    public void scopeSet(Set<String> value) {
        scopes = String.join(" ", new TreeSet<>(value));
    }

    public static List<ApiKey> activeOf(String ownerUserId) {
        return list("ownerUserId = ?1 and revokedAt is null order by createdAt, id", ownerUserId);
    }

    public static long countActiveOf(String ownerUserId) {
        return count("ownerUserId = ?1 and revokedAt is null", ownerUserId);
    }

    public static Optional<ApiKey> activeOf(String ownerUserId, String keyId) {
        return find("id = ?1 and ownerUserId = ?2 and revokedAt is null", keyId, ownerUserId).firstResultOptional();
    }
}
