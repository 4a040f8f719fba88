package org.healthwallet.app.ui.common;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Text for a person, kept as a bundle key with arguments until a screen renders it in the chosen
 * language. View models speak in these so they stay free of any one language (and tests can
 * assert what was said without parsing prose). A message that only exists in one language (one
 * written by wallet-core) is carried as a literal.
 */
public record UserText(String key, List<Object> args, String literal) {
    public UserText {
        args = List.copyOf(args);
        if ((key == null) == (literal == null)) {
            throw new IllegalArgumentException("exactly one of key and literal");
        }
    }

    public static UserText of(String key, Object... args) {
        return new UserText(Objects.requireNonNull(key), Arrays.asList(args), null);
    }

    public static UserText literal(String text) {
        return new UserText(null, List.of(), Objects.requireNonNull(text));
    }

    public String render(Messages messages) {
        return key == null ? literal : messages.format(key, args.toArray());
    }

    /** Renders a possibly absent text as the empty string. */
    public static String render(UserText text, Messages messages) {
        return text == null ? "" : text.render(messages);
    }
}
