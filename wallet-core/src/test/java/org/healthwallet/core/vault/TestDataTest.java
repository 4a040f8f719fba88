package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A test whose third-party data is missing fails; it is not skipped (a skip shows green in CI). */
class TestDataTest {
    @Test
    void missingSharedDataFailsTheTestInsteadOfSkippingIt() {
        assertThatThrownBy(() -> TestData.fhir("no-such-folder/no-such-file.json"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no-such-file.json is missing");
    }

    @Test
    void presentSharedDataIsFound() {
        assertThat(TestData.fhir("synthea-r4")).isDirectory();
    }
}
