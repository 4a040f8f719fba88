package org.healthwallet.app.ui.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import org.healthwallet.core.records.TextRenderer;

/**
 * Every string a person sees, in their language. Backed by the bundle
 * {@code org/healthwallet/app/i18n/messages*.properties} (UTF-8).
 */
public final class Messages {
    public static final String BUNDLE = "org.healthwallet.app.i18n.messages";

    private final Locale locale;
    private final ResourceBundle bundle;
    private final TextRenderer renderer;

    public Messages(Locale locale) {
        this.locale = Objects.requireNonNull(locale, "locale");
        // The root bundle is English; ask for it explicitly so the JVM's default locale never leaks in.
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
        // The records' display text uses the same bundle; keys it lacks fall back to wallet-core's English.
        this.renderer = new TextRenderer(bundle, locale);
    }

    /** Renders the records model's display text (titles, details, field names) in this language. */
    public TextRenderer records() {
        return renderer;
    }

    public Locale locale() {
        return locale;
    }

    /**
     * The text for {@code key}. Every value is a MessageFormat pattern (so {@code ''} is an
     * apostrophe everywhere); a missing key shows as the key itself so it is noticed, never as a crash.
     */
    public String get(String key) {
        return format(key);
    }

    /** The text for {@code key} with {@code {0}}, {@code {1}}… filled in. */
    public String format(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /** True when the bundle has this key (used by the test that checks both languages are complete). */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
