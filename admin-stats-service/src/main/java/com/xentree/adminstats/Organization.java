package com.xentree.adminstats;

import com.xentree.foundation.persistence.Timestamped;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** A company or school whose admins see dashboards over its members. */
@Entity
@Table(name = "organization")
public class Organization extends Timestamped {

    /** 2-64 lowercase letters, digits and single hyphens. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    @Id
    public UUID id;

    public String name;

    public String slug;

    public String description;

    /** Slugs are unique regardless of case. */
    public static boolean slugTaken(String slug) {
        return count("lower(slug) = lower(?1)", slug) > 0;
    }

    /** A slug from a name: "Acme Schools, Inc." -> "acme-schools-inc". */
    public static String slugOf(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        slug = slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
        return slug.length() < 2 ? "org-" + UUID.randomUUID().toString().substring(0, 8) : slug;
    }
}
