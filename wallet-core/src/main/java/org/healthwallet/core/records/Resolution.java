package org.healthwallet.core.records;

import java.util.Objects;

/** Where a reference leads: a record in the vault, a resource contained in the referring record, or nowhere. */
public sealed interface Resolution {
    /** The reference names a record the vault holds. */
    record InVault(StoredRecord record) implements Resolution {
        public InVault { Objects.requireNonNull(record, "record"); }
    }

    /** The reference ({@code #id}) names a resource contained in {@code container}. */
    record Contained(StoredRecord container, FhirResource resource) implements Resolution {
        public Contained { Objects.requireNonNull(container, "container"); Objects.requireNonNull(resource, "resource"); }
    }

    /**
     * The reference cannot be followed here (a conditional reference, or a record that was never
     * imported); its text is kept as it was written.
     */
    record Unresolved(String reference) implements Resolution {
        public Unresolved { Objects.requireNonNull(reference, "reference"); }
    }
}
