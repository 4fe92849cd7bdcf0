package com.xentree.analytics.rest;

import com.xentree.events.LearningActivity;
import java.util.List;

/** Body of {@code POST /api/v1/events}: 1 to 1000 {@code learning.activity.v1} events. */
public record EventBatch(List<LearningActivity> events) {
}
