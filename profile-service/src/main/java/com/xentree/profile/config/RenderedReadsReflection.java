package com.xentree.profile.config;

import com.xentree.profile.rest.XpResponses.ActiveBoost;
import com.xentree.profile.rest.XpResponses.PublicXpProfileResponse;
import com.xentree.profile.rest.XpResponses.XpProfileResponse;
import com.xentree.profile.rest.XpResponses.XpStats;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answers rendered by {@code foundation.reads.RenderedReads}: their endpoints return a
 * {@code Response}, so REST no longer registers the records for Jackson in a native image.
 */
@RegisterForReflection(targets = {XpProfileResponse.class, ActiveBoost.class, PublicXpProfileResponse.class, XpStats.class})
public class RenderedReadsReflection {
}
