package com.xentree.system;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the {@link RunningSystem} before the first system test class. */
public class SystemExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        RunningSystem.get(context);
    }
}
