package org.healthwallet.app.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads secrets the way the command line allows: from a file or an environment variable, or, when
 * a person sits at a terminal, typed without echo. Never from an argument, which other users of
 * the machine could read in the process list.
 */
final class Secrets {
    private final Map<String, String> env;
    private final Console console;

    Secrets(Map<String, String> env, Console console) {
        this.env = env;
        this.console = console;
    }

    /**
     * @param file the file named by the option, or {@code null}
     * @param option the option's name, for the message ({@code --passphrase-file})
     * @param envName the environment variable to fall back to
     * @param what what is asked for, for the message and prompt ("passphrase")
     */
    char[] read(Path file, String option, String envName, String what) {
        if (file != null) {
            return fromFile(file, what);
        }
        String fromEnv = env.get(envName);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        if (console != null) {
            char[] typed = console.readPassword("%s: ", capitalized(what));
            if (typed != null && typed.length > 0) {
                return typed;
            }
        }
        throw new CliFailure("No " + what + " given: set " + envName + " or use " + option + " FILE.");
    }

    private static char[] fromFile(Path file, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliFailure("The " + what + " file " + file + " does not exist.");
        } catch (IOException e) {
            throw new CliFailure("The " + what + " file " + file + " cannot be read.");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            // One trailing line break is how editors and `echo` end a file; it is not part of the secret.
            if (end > 0 && chars.get(end - 1) == '\n') {
                end--;
                if (end > 0 && chars.get(end - 1) == '\r') {
                    end--;
                }
            }
            char[] secret = new char[end];
            chars.get(secret, 0, end);
            Arrays.fill(chars.array(), '\0');
            if (secret.length == 0) {
                throw new CliFailure("The " + what + " file " + file + " is empty.");
            }
            return secret;
        } catch (CharacterCodingException e) {
            throw new CliFailure("The " + what + " file " + file + " is not UTF-8 text.");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
