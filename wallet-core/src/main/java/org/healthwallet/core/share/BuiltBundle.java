package org.healthwallet.core.share;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A FHIR Bundle made for sharing.
 *
 * @param json the Bundle as compact JSON (UTF-8 when encrypted)
 * @param recordIds the vault records it carries, chosen and supporting, in entry order
 * @param entryCount how many entries the Bundle has (records plus any made for it: Composition, Device, Patient)
 */
public record BuiltBundle(String json, List<UUID> recordIds, int entryCount) {
    public BuiltBundle {
        Objects.requireNonNull(json, "json");
        recordIds = List.copyOf(recordIds);
    }

    public byte[] bytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
