package com.xentree.foundation.messaging;

import com.xentree.events.ProgressEvent;
import com.xentree.events.TopicContract;

/** A handler of {@code analytics.progress.v1}, validated by the contract's own rules. */
public interface ProgressHandler extends ContractHandler<ProgressEvent> {

    @Override
    default TopicContract<ProgressEvent> contract() {
        return TopicContract.ANALYTICS_PROGRESS;
    }
}
