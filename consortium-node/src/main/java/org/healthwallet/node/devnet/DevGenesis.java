package org.healthwallet.node.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Merkle;
import org.healthwallet.ledger.cometbft.Validator;
import org.healthwallet.ledger.cometbft.ValidatorKey;
import org.healthwallet.ledger.cometbft.ValidatorSet;
import org.healthwallet.ledger.cometbft.json.CometJsonParser;
import org.healthwallet.ledger.cometbft.json.CometJsonWriter;
import org.healthwallet.ledger.cometbft.json.ParseException;
import org.healthwallet.ledger.cometbft.json.RfcTime;
import org.healthwallet.ledger.state.OperatorSet;
import org.healthwallet.ledger.tx.SigningKey;
import org.healthwallet.node.ledger.GenesisState;

/**
 * The dev network's genesis: chain id, genesis time and validators in CometBFT's genesis.json
 * format, and the seed in {@code validator-seed} that every validator key (and each validator's
 * consortium operator key) is derived from, so a restart signs with the same keys. The operator
 * keys are in the genesis app state, so the dev network can admit a relay as a real consortium would.
 */
final class DevGenesis {
    static final String GENESIS_FILE = "genesis.json";
    static final String SEED_FILE = "validator-seed";
    /** Every dev validator has the same power, so "more than 2/3 of the power" is a count of signers. */
    static final long POWER = 10;
    static final long MAX_BLOCK_BYTES = 22_020_096;
    static final long MAX_BLOCK_GAS = -1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final String chainId;
    final Instant genesisTime;
    /** Validator keys in validator-set order (index i signs as validators().get(i)). */
    final List<ValidatorKey> keys;
    final ValidatorSet validators;
    final List<SigningKey> operators;
    final ObjectNode document;

    private DevGenesis(String chainId, Instant genesisTime, Bytes seed, int count) {
        this.chainId = chainId;
        this.genesisTime = genesisTime;
        List<ValidatorKey> derived = new ArrayList<>(count);
        List<SigningKey> operatorKeys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            derived.add(ValidatorKey.fromSeed(derive("healthwallet/devnet/validator/v1", seed, i)));
            operatorKeys.add(SigningKey.fromSeed(derive("healthwallet/devnet/operator/v1", seed, i).toArray()));
        }
        List<Validator> list = derived.stream().map(k -> k.validator(POWER)).toList();
        this.validators = ValidatorSet.of(list);
        derived.sort(Comparator.comparingInt(k -> validators.indexOf(k.address())));
        this.keys = List.copyOf(derived);
        this.operators = List.copyOf(operatorKeys);
        this.document = document();
    }

    /** The folder's genesis, or a new one written there as the options ask. */
    static DevGenesis openOrCreate(DevNetworkOptions options, Clock clock) {
        Path dir = options.dataDir();
        Path genesisFile = dir.resolve(GENESIS_FILE);
        Path seedFile = dir.resolve(SEED_FILE);
        if (Files.exists(genesisFile)) {
            return open(options, genesisFile, seedFile);
        }
        int count = options.validators() == 0 ? DevNetworkOptions.DEFAULT_VALIDATORS : options.validators();
        String chainId = options.chainId() == null || options.chainId().isEmpty()
                ? DevNetworkOptions.DEFAULT_CHAIN_ID : options.chainId();
        Bytes seed = options.seed().orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return Bytes.of(random);
        });
        DevGenesis genesis = new DevGenesis(chainId, clock.instant(), seed, count);
        try {
            Files.createDirectories(dir);
            writeSecret(seedFile, seed.hex() + "\n");
            writeAtomically(genesisFile, JSON.writeValueAsString(genesis.document) + "\n");
        } catch (IOException e) {
            throw new DevNetworkException("Cannot write the dev network's genesis into " + dir + ": " + e.getMessage(), e);
        }
        return genesis;
    }

    private static DevGenesis open(DevNetworkOptions options, Path genesisFile, Path seedFile) {
        String problem = "The dev network in " + genesisFile.getParent() + " cannot be opened: ";
        Bytes seed;
        JsonNode doc;
        List<Validator> listed;
        try {
            seed = Bytes.fromHex(Files.readString(seedFile, StandardCharsets.US_ASCII).trim());
            byte[] bytes = Files.readAllBytes(genesisFile);
            doc = CometJsonParser.tree(bytes);
            listed = CometJsonParser.genesisValidators(bytes);
        } catch (IOException e) {
            throw new DevNetworkException(problem + e.getMessage(), e);
        } catch (ParseException | IllegalArgumentException e) {
            throw new DevNetworkException(problem + GENESIS_FILE + " or " + SEED_FILE + " is damaged (" + e.getMessage() + ").", e);
        }
        if (seed.length() != 32) {
            throw new DevNetworkException(problem + SEED_FILE + " does not hold a 32-byte seed.");
        }
        String chainId = doc.path("chain_id").asText("");
        Instant time;
        try {
            time = RfcTime.parse(doc.path("genesis_time").asText(""));
        } catch (IllegalArgumentException e) {
            throw new DevNetworkException(problem + GENESIS_FILE + " has no valid genesis_time.", e);
        }
        DevGenesis genesis = new DevGenesis(chainId, time, seed, listed.size());
        if (listed.isEmpty() || !ValidatorSet.of(listed).equals(genesis.validators)) {
            throw new DevNetworkException(problem + "the validators in " + GENESIS_FILE + " are not the ones " + SEED_FILE
                    + " derives; one of the two files was replaced.");
        }
        if (options.validators() != 0 && options.validators() != listed.size()) {
            throw new DevNetworkException("The dev network in " + genesisFile.getParent() + " has " + listed.size()
                    + " validators, not " + options.validators() + ". Start it with " + listed.size()
                    + " validators, or use a new data folder for a network of " + options.validators() + ".");
        }
        if (options.chainId() != null && !options.chainId().isEmpty() && !options.chainId().equals(chainId)) {
            throw new DevNetworkException("The dev network in " + genesisFile.getParent() + " is chain \"" + chainId
                    + "\", not \"" + options.chainId() + "\". Use a new data folder for another chain.");
        }
        if (options.seed().isPresent() && !options.seed().get().equals(seed)) {
            throw new DevNetworkException("The dev network in " + genesisFile.getParent()
                    + " was made from another validator seed. Use a new data folder for this seed.");
        }
        return genesis;
    }

    /** The genesis app state (ledger's GenesisState JSON): the operators' keys, no relays. */
    byte[] appState() {
        return new GenesisState(new OperatorSet(operators.stream().map(SigningKey::publicKey).toList()), List.of())
                .toJson().getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode document() {
        ObjectNode o = JSON.createObjectNode();
        o.put("genesis_time", RfcTime.format(genesisTime));
        o.put("chain_id", chainId);
        o.put("initial_height", "1");
        ObjectNode params = o.putObject("consensus_params");
        params.putObject("block").put("max_bytes", Long.toString(MAX_BLOCK_BYTES)).put("max_gas", Long.toString(MAX_BLOCK_GAS));
        params.putObject("evidence").put("max_age_num_blocks", "100000").put("max_age_duration", "172800000000000")
                .put("max_bytes", "1048576");
        params.putObject("validator").putArray("pub_key_types").add("ed25519");
        params.putObject("version").put("app", "0");
        params.putObject("abci").put("vote_extensions_enable_height", "0");
        ArrayNode list = o.putArray("validators");
        for (int i = 0; i < keys.size(); i++) {
            Validator v = validators.get(i);
            ObjectNode entry = list.addObject();
            entry.put("address", v.address().hex());
            entry.set("pub_key", CometJsonWriter.publicKey(v.pubKey()));
            entry.put("power", Long.toString(v.votingPower()));
            entry.put("name", "validator-" + i);
        }
        o.put("app_hash", "");
        try {
            o.set("app_state", JSON.readTree(appState()));
        } catch (IOException e) {
            throw new IllegalStateException("the genesis app state is not JSON", e);
        }
        return o;
    }

    private static Bytes derive(String label, Bytes seed, int index) {
        return Merkle.sha256(label.getBytes(StandardCharsets.US_ASCII), seed.toArray(),
                ByteBuffer.allocate(4).putInt(index).array());
    }

    private static void writeSecret(Path file, String text) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".genesis", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
