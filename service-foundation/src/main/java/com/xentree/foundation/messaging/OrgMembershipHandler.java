package com.xentree.foundation.messaging;

import com.xentree.events.OrgMembershipChanged;
import com.xentree.events.TopicContract;
import java.util.List;

/**
 * A handler of the compacted {@code org.membership.v1} (key {@code organization_id:user_id}),
 * validated by the contract's own rules; a tombstone removes the member that its key names.
 */
public interface OrgMembershipHandler extends ContractHandler<OrgMembershipChanged> {

    @Override
    default TopicContract<OrgMembershipChanged> contract() {
        return TopicContract.ORG_MEMBERSHIP;
    }

    @Override
    default boolean deletesOnTombstone() {
        return true;
    }

    /** Removes the memberships that the tombstones' keys name, in the handler's transaction. */
    @Override
    void delete(List<String> keys);
}
