package com.xentree.foundation.config;

import com.xentree.events.ApiKeyChanged;
import com.xentree.events.LearningActivity;
import com.xentree.events.OrgMembershipChanged;
import com.xentree.events.ProgressEvent;
import com.xentree.events.QuestItem;
import com.xentree.events.UserErased;
import com.xentree.events.UserProfileChanged;
import com.xentree.events.XpAwarded;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The event records are (de)serialised by Jackson outside REST endpoints: keep them in native images. */
@RegisterForReflection(targets = {LearningActivity.class, XpAwarded.class, UserProfileChanged.class, ProgressEvent.class,
        OrgMembershipChanged.class, ApiKeyChanged.class, QuestItem.class, UserErased.class})
public class ReflectionConfig {
}
