package org.healthwallet.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.shell.MainShell;
import org.healthwallet.core.records.Category;
import org.junit.jupiter.api.Test;

/** Both languages say everything the screens ask for, and every text is a valid pattern. */
class MessagesTest {
    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/org/healthwallet/app/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** Every key the code asks for by a literal: text.get("…"), text.format("…"), UserText.of("…"). */
    private static Set<String> keysInSources() throws IOException {
        Pattern call = Pattern.compile("(?:text\\.get|text\\.format|UserText\\.of)\\(\"([a-zA-Z][a-zA-Z0-9.]*[a-zA-Z0-9])\"");
        Set<String> keys = new TreeSet<>();
        Path ui = TestFiles.root().resolve("app/src/main/java/org/healthwallet/app/ui");
        try (Stream<Path> files = Files.walk(ui)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(f));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    @Test
    void everyKeyTheScreensUseIsInBothLanguages() throws IOException {
        Properties english = load("messages.properties");
        Properties chinese = load("messages_zh.properties");
        Set<String> needed = keysInSources();
        for (Category c : Category.values()) {
            needed.add("category." + c.name());
        }
        for (MainShell.Page p : MainShell.Page.values()) {
            needed.add("nav." + p.name().toLowerCase(Locale.ROOT));
        }
        for (int score = 0; score <= 4; score++) {
            needed.add("strength." + score);
        }
        // Every feedback zxcvbn can give (its own English bundle lists them), in the patient's language.
        for (String key : ResourceBundle.getBundle("com.nulabinc.zxcvbn.messages", Locale.ROOT).keySet()) {
            needed.add(PassphraseAdvice.key(key));
        }
        for (String unit : new String[] {"instant", "minutes", "hours", "days", "months", "years"}) {
            needed.add("strength.time." + unit);
        }
        // The phases the FHIR reader and the vault report during an import.
        needed.addAll(Set.of("import.phase.reading", "import.phase.importing", "import.phase.saving",
                "language.ENGLISH", "language.CHINESE"));
        assertThat(needed).hasSizeGreaterThan(100);
        assertThat(english.stringPropertyNames()).containsAll(needed);
        assertThat(chinese.stringPropertyNames()).containsAll(needed);
        // Nothing English has that Chinese lacks (Chinese also translates the records' display keys).
        assertThat(chinese.stringPropertyNames()).containsAll(english.stringPropertyNames());
    }

    @Test
    void everyTextIsAValidPatternAndChineseIsChinese() throws IOException {
        Properties chinese = load("messages_zh.properties");
        for (Properties bundle : new Properties[] {load("messages.properties"), chinese}) {
            for (String key : bundle.stringPropertyNames()) {
                if (!key.equals("date.month")) {
                    new MessageFormat(bundle.getProperty(key)); // throws on a broken pattern
                }
            }
        }
        assertThat(chinese.getProperty("nav.records")).isEqualTo("记录");
        assertThat(chinese.getProperty("category.ALLERGIES")).isEqualTo("过敏");
    }

    @Test
    void messagesFillInArgumentsAndFallBackToEnglish() {
        Messages en = new Messages(Locale.ENGLISH);
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        assertThat(en.format("home.subtitle", 315)).isEqualTo("315 records in your wallet, encrypted on this computer.");
        assertThat(en.format("home.subtitle", 1)).startsWith("One record");
        assertThat(zh.format("home.subtitle", 315)).startsWith("钱包中有 315 条记录");
        assertThat(en.get("no.such.key")).isEqualTo("no.such.key");
        // The records' words: the app's Chinese where it has them, wallet-core's English where not.
        assertThat(zh.records().render(new org.healthwallet.core.records.Text.Code("criticality", "high"))).isEqualTo("高危");
        assertThat(en.records().render(new org.healthwallet.core.records.Text.Code("criticality", "high"))).isEqualTo("High criticality");
    }
}
