package org.healthwallet.ledger.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.CometJsonWriter;
import org.healthwallet.ledger.cometbft.json.JsonLimits;
import org.healthwallet.ledger.cometbft.json.ParseException;

/**
 * Light blocks as JSON files, for {@code ledger verify --trusted FILE --untrusted FILE --now TIME}:
 * an object with {@code signed_header} (as in /commit's result), {@code validator_set} and
 * {@code next_validator_set} (each with {@code validators} as in /validators' result), the shape of
 * the {@code block} objects of CometBFT's model-based light client tests. A trusted block may leave
 * out {@code validator_set}; skipping from it needs its {@code next_validator_set}.
 */
public final class LightBlockFile {
    private LightBlockFile() {
    }

    public static LightBlock read(Path file) throws LightBlockFileException {
        byte[] json;
        try {
            if (Files.size(file) > JsonLimits.DEFAULT.maxDocumentBytes()) {
                throw new LightBlockFileException(file + " is larger than a light block can be ("
                        + JsonLimits.DEFAULT.maxDocumentBytes() + " bytes).", null);
            }
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new LightBlockFileException("There is no file " + file + ".", e);
        } catch (IOException e) {
            throw new LightBlockFileException(file + " could not be read: " + e.getMessage(), e);
        }
        try {
            return CometJsonParser.lightBlock(json);
        } catch (ParseException e) {
            throw new LightBlockFileException(file + " is not a light block: " + e.getMessage(), e);
        }
    }

    public static void write(LightBlock block, Path file) throws IOException {
        Files.writeString(file, CometJsonWriter.toJson(CometJsonWriter.lightBlock(block)), StandardCharsets.UTF_8);
    }

    /** Reads both files and verifies the untrusted block against the trusted one. */
    public static Verdict verify(Path trusted, Path untrusted, Instant now, Options options)
            throws LightBlockFileException {
        return Verifier.verify(read(trusted), read(untrusted), options, now);
    }

    /**
     * What {@code ledger verify} prints: {@code SUCCESS}, {@code NOT_ENOUGH_TRUST}, or
     * {@code INVALID: REASON: detail}.
     */
    public static String verdictText(Verdict verdict) {
        if (verdict instanceof Verdict.Invalid i) {
            return "INVALID: " + i.reason() + ": " + i.detail();
        }
        return verdict instanceof Verdict.NotEnoughTrust ? "NOT_ENOUGH_TRUST" : "SUCCESS";
    }
}
