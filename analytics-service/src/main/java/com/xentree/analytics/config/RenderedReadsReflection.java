package com.xentree.analytics.config;

import com.xentree.analytics.rest.LearnerResponses.LearningPulseDayEntry;
import com.xentree.analytics.rest.LearnerResponses.LearningPulseResponse;
import com.xentree.analytics.rest.LearnerResponses.LearningPulseSummary;
import com.xentree.analytics.rest.LearnerResponses.QuestsResponse;
import com.xentree.analytics.rest.LearnerResponses.StreakStatusResponse;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answers rendered by {@code foundation.reads.RenderedReads}: their endpoints return a
 * {@code Response}, so REST no longer registers the records for Jackson in a native image.
 */
@RegisterForReflection(targets = {StreakStatusResponse.class, QuestsResponse.class, LearningPulseResponse.class,
        LearningPulseDayEntry.class, LearningPulseSummary.class})
public class RenderedReadsReflection {
}
