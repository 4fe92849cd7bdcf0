package com.xentree.foundation.messaging;

import com.xentree.events.TopicContract;
import com.xentree.events.XpAwarded;

/** A handler of {@code xp.awarded.v1}, validated by the contract's own rules. */
public interface XpAwardedHandler extends ContractHandler<XpAwarded> {

    @Override
    default TopicContract<XpAwarded> contract() {
        return TopicContract.XP_AWARDED;
    }
}
