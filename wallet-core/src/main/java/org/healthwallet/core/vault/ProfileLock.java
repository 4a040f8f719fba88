package org.healthwallet.core.vault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Keeps a second process (or a second window in this one) from opening the same profile: an
 * exclusive {@link FileChannel#tryLock()} on {@code <vault>.lock} beside the vault, held while the
 * vault is unlocked. The operating system drops the lock when the process dies, so a crash never
 * leaves a profile locked. The lock file stays (empty); deleting it would race with a new opener.
 */
final class ProfileLock implements AutoCloseable {
    /**
     * Lock files this JVM holds. On POSIX systems closing ANY channel to a file releases every lock
     * this process holds on it, so a second attempt from this JVM must be refused before it opens
     * the file at all. This set mirrors per-process operating-system state, which is why it is
     * static (the same choice Lucene's NativeFSLockFactory makes).
     */
    private static final Set<Path> HELD_IN_THIS_JVM = new HashSet<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private ProfileLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFileOf(Path vaultFile) {
        return vaultFile.resolveSibling(vaultFile.getFileName() + ".lock");
    }

    static ProfileLock acquire(Path vaultFile) throws VaultException {
        Path lockFile = lockFileOf(vaultFile.toAbsolutePath());
        Path key;
        try {
            key = lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
        } catch (IOException e) {
            throw new VaultNotFoundException(vaultFile);
        }
        synchronized (HELD_IN_THIS_JVM) {
            if (!HELD_IN_THIS_JVM.add(key)) {
                throw new VaultInUseException();
            }
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, PrivateFiles.createOrWrite(), PrivateFiles.fileAttributes(lockFile));
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new VaultInUseException();
            }
            return new ProfileLock(key, channel, lock);
        } catch (OverlappingFileLockException e) {
            release(key, channel);
            throw new VaultInUseException();
        } catch (VaultInUseException e) {
            release(key, channel);
            throw e;
        } catch (IOException e) {
            release(key, channel);
            throw new VaultException("The wallet's lock file " + lockFile + " cannot be opened: " + e.getMessage(), e);
        }
    }

    private static void release(Path key, FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // Nothing was locked through this channel.
        } finally {
            synchronized (HELD_IN_THIS_JVM) {
                HELD_IN_THIS_JVM.remove(key);
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it as well.
        }
        release(key, channel);
    }
}
