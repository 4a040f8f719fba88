package org.healthwallet.core.share;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.vault.KdfParams;
import org.healthwallet.core.vault.Vault;

/** Real vault files in a temporary folder, with cheap key derivation so tests stay fast. */
final class TestWallets {
    static final KdfParams CHEAP_KDF = new KdfParams(64, 1, 1);
    static final char[] PASSPHRASE = "plum orchard lantern 42".toCharArray();

    private TestWallets() {}

    /** A new wallet holding what the FHIR reader reads from these files. */
    static Vault withFiles(Path dir, String label, Path... files) throws Exception {
        Vault vault = Vault.create(dir.resolve("wallet.hwvault"), PASSPHRASE, CHEAP_KDF, label).vault();
        List<ParsedSource> sources = new ArrayList<>();
        for (Path file : files) {
            sources.addAll(new FhirReader().read(file, ImportProgress.NONE));
        }
        if (!sources.isEmpty()) {
            vault.importRecords(sources, ImportProgress.NONE);
        }
        return vault;
    }

    /** A new wallet holding one Bundle given as JSON text. */
    static Vault withBundle(Path dir, String label, String bundleJson) throws Exception {
        Vault vault = Vault.create(dir.resolve("wallet.hwvault"), PASSPHRASE, CHEAP_KDF, label).vault();
        ParsedSource source = new FhirReader().read(new ByteArrayInputStream(bundleJson.getBytes(StandardCharsets.UTF_8)),
                "clinic.json", ImportProgress.NONE);
        vault.importRecords(List.of(source), ImportProgress.NONE);
        return vault;
    }

    static Path jorge() {
        return ShareTestData.fhir("synthea-r4/Jorge_Brekke_ac7921e0-c949-4b42-97f2-fad5d171cd01.json");
    }
}
