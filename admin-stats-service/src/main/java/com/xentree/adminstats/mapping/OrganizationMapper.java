package com.xentree.adminstats.mapping;

import com.xentree.adminstats.Membership;
import com.xentree.adminstats.Organization;
import com.xentree.adminstats.Team;
import com.xentree.adminstats.rest.OrganizationDtos.MemberResponse;
import com.xentree.adminstats.rest.OrganizationDtos.OrganizationResponse;
import com.xentree.adminstats.rest.OrganizationDtos.TeamResponse;
import io.quarkus.hibernate.orm.panache.Panache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class OrganizationMapper {

    private OrganizationMapper() {
    }

    public static OrganizationResponse toResponse(Organization o, String callerRole) {
        return new OrganizationResponse(o.id, o.name, o.slug, o.description, Membership.count("organizationId", o.id),
                Team.count("organizationId", o.id), callerRole, o.createdAt, o.updatedAt);
    }

    public static TeamResponse toResponse(Team t) {
        return new TeamResponse(t.id, t.organizationId, t.name, Membership.count("teamId", t.id), t.createdAt);
    }

    /** Members with their team names and the profile facts this service knows from {@code user.profile.v1}. */
    public static List<MemberResponse> toResponses(List<Membership> members) {
        Map<Object, String> teams = new HashMap<>();
        Map<String, Object[]> profiles = new HashMap<>();
        if (!members.isEmpty()) {
            Team.<Team>list("organizationId in ?1", members.stream().map(m -> m.organizationId).distinct().toList())
                    .forEach(t -> teams.put(t.id, t.name));
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                    "select user_id, username, full_name, email, avatar_url from member_profile where user_id in (:ids)")
                    .setParameter("ids", members.stream().map(m -> m.userId).toList()).getResultList();
            rows.forEach(r -> profiles.put((String) r[0], r));
        }
        return members.stream().map(m -> {
            Object[] p = profiles.getOrDefault(m.userId, new Object[5]);
            return new MemberResponse(m.userId, m.organizationId, m.role, m.teamId, m.teamId == null ? null : teams.get(m.teamId), m.joinedAt,
                    (String) p[1], (String) p[2], (String) p[3], (String) p[4]);
        }).toList();
    }
}
