package org.healthwallet.app.ui;

import org.healthwallet.app.ui.common.Background;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a view model test runs on, as the app does: the FX thread (headless) and a fresh
 * {@link Background} for each test, shut after the test's own {@code @AfterEach} methods (so they
 * can still lock a session first). Register with {@code @RegisterExtension}.
 */
public final class FxBackground implements BeforeEachCallback, AfterEachCallback {
    private final Background background = new Background();

    public Background background() {
        return background;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Fx.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        background.close();
    }
}
