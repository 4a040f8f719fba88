package org.healthwallet.core.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The profiles in a data folder: the patient's own and, later, dependents'. The list file
 * ({@code profiles.txt}) holds only opaque ids and which one is the owner's; a profile's label (a
 * person's name) lives encrypted inside its vault, so the data folder names nobody in clear.
 * Each profile's vault is {@code <id>.hwvault} beside it.
 */
public final class Profiles {
    static final String LIST_FILE = "profiles.txt";
    private static final String HEADER = "# HealthWallet profiles v1: <id> owner|dependent";
    private static final String VAULT_SUFFIX = ".hwvault";

    private final Path dataDir;
    private final SecureRandom random = new SecureRandom();

    public Profiles(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The profiles in the order they were created; empty when there are none yet. */
    public List<Profile> list() throws VaultException {
        Path file = dataDir.resolve(LIST_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VaultException("The profile list " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<Profile> profiles = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{16}")
                    || !(parts[1].equals("owner") || parts[1].equals("dependent"))) {
                throw new VaultException("The profile list " + file + " is damaged (line \"" + trimmed + "\").");
            }
            profiles.add(new Profile(parts[0], parts[1].equals("owner"), null));
        }
        return List.copyOf(profiles);
    }

    /** The owner's profile, if one was created. */
    public java.util.Optional<Profile> owner() throws VaultException {
        return list().stream().filter(Profile::owner).findFirst();
    }

    /**
     * Adds a profile: the first one is the owner's, later ones are dependents'. Its vault does not
     * exist yet: create it with {@link Vault#create(Path, char[], KdfParams, String)} at
     * {@link #vaultFile(Profile)}, passing {@code profile.label()}.
     */
    public Profile create(String label) throws VaultException {
        List<Profile> existing = list();
        String id;
        do {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            id = HexFormat.of().formatHex(bytes);
        } while (idTaken(existing, id));
        Profile profile = new Profile(id, existing.stream().noneMatch(Profile::owner), label);
        List<Profile> all = new ArrayList<>(existing);
        all.add(profile);
        write(all);
        return profile;
    }

    /**
     * Takes a dependent's profile off the list and deletes its vault file (a hand-over, or a
     * caregiver's copy no longer wanted). The owner's profile is never removed this way.
     */
    public void remove(String id) throws VaultException {
        List<Profile> all = new ArrayList<>(list());
        Profile profile = all.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new VaultException("There is no profile " + id + " in " + dataDir + "."));
        if (profile.owner()) {
            throw new VaultException("The wallet owner's own profile cannot be removed.");
        }
        all.remove(profile);
        write(all);
        try {
            Path file = vaultFile(profile);
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-journal"));
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
        } catch (IOException e) {
            throw new VaultException("The profile was taken off the list, but its file could not be deleted: " + e.getMessage(), e);
        }
    }

    public Path vaultFile(Profile profile) {
        return dataDir.resolve(profile.id() + VAULT_SUFFIX);
    }

    private boolean idTaken(List<Profile> existing, String id) {
        return existing.stream().anyMatch(p -> p.id().equals(id)) || Files.exists(dataDir.resolve(id + VAULT_SUFFIX));
    }

    /** Writes the whole list to a temporary file and moves it over the old one, so it is never half written. */
    private void write(List<Profile> profiles) throws VaultException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Profile p : profiles) {
            text.append(p.id()).append(' ').append(p.owner() ? "owner" : "dependent").append('\n');
        }
        Path target = dataDir.resolve(LIST_FILE);
        try {
            PrivateFiles.createFolder(dataDir);
            Path temp = Files.createTempFile(dataDir, "profiles", ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new VaultException("The profile list in " + dataDir + " cannot be written: " + e.getMessage(), e);
        }
    }
}
