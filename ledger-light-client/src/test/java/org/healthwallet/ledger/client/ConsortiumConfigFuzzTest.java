package org.healthwallet.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes given as the consortium file (it comes from whoever runs the consortium, or a
 * download): {@link ConsortiumConfig#parse} returns a configuration or throws
 * {@link ConsortiumConfigException} with a message, nothing else; and what it accepts it reads
 * back from its own {@link ConsortiumConfig#toJson()} unchanged. Seeds: files the project's writer made.
 */
class ConsortiumConfigFuzzTest {

    @DictionaryEntries({"\"format\":", "\"checkpoint\":", "\"witnesses\":", "\"relay\":", "1e99999999", "9223372036854775808"})
    @FuzzTest(maxDuration = "5s")
    void parse(byte[] input) throws ConsortiumConfigException {
        ConsortiumConfig config;
        try {
            config = ConsortiumConfig.parse(input);
        } catch (ConsortiumConfigException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(ConsortiumConfig.parse(config.toJson())).isEqualTo(config);
    }
}
