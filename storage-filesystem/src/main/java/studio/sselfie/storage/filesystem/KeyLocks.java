package studio.sselfie.storage.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion per key, across the threads of this JVM and across processes on the same root: every change of a
 * key (put, delete, copy target) checks its precondition and renames under the key's lock, so if-none-match and
 * if-match hold as compare-and-set against every other writer.
 *
 * <p>Keys are hashed onto {@value #STRIPES} stripes. Across processes a stripe is one byte of the root's lock file
 * ({@value #LOCK_FILE}), locked with {@link FileChannel#tryLock(long, long, boolean)}: the operating system releases it
 * when the process dies, so a crashed writer never leaves a key locked. Within the JVM a stripe is a
 * {@link ReentrantLock} first, because file locks belong to the whole JVM. One channel per root is shared by every
 * backend of the JVM over that root: on POSIX systems closing any descriptor of a file drops all the process's locks
 * on it, so no backend may close the file while another holds a lock.
 *
 * <p>{@code tryLock} in a loop, not the blocking {@code lock}: a thread interrupted while blocked in {@code lock} would
 * close the shared channel.
 */
final class KeyLocks {
    /** The lock file in the root; its name starts with a dot, so it is never a key. */
    static final String LOCK_FILE = ".lock";
    private static final int STRIPES = 1024;
    private static final ReentrantLock[] THREAD_STRIPES = new ReentrantLock[STRIPES];
    private static final Map<Path, Shared> OPEN = new HashMap<>();
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    static {
        for (int i = 0; i < STRIPES; i++) {
            THREAD_STRIPES[i] = new ReentrantLock();
        }
    }

    private final Path root;
    private final Shared shared;

    private KeyLocks(Path root, Shared shared) {
        this.root = root;
        this.shared = shared;
    }

    /** The locks of the root {@code root} (a real path); {@link #close()} releases this user of its lock file. */
    static KeyLocks open(Path root) throws IOException {
        synchronized (OPEN) {
            Shared shared = OPEN.get(root);
            if (shared == null) {
                FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                shared = new Shared(channel);
                OPEN.put(root, shared);
            }
            shared.users++;
            return new KeyLocks(root, shared);
        }
    }

    /** Runs {@code action} holding the lock of {@code key}. */
    <T> T locked(String key, IoAction<T> action) throws IOException {
        int stripe = Math.floorMod(key.hashCode(), STRIPES);
        ReentrantLock threads = THREAD_STRIPES[stripe];
        threads.lock();
        try {
            FileLock processes = acquire(stripe);
            try {
                return action.run();
            } finally {
                processes.release();
            }
        } finally {
            threads.unlock();
        }
    }

    private FileLock acquire(int stripe) throws IOException {
        long backoff = 50_000;
        while (true) {
            FileLock lock = shared.channel.tryLock(stripe, 1, false);
            if (lock != null) {
                return lock;
            }
            // Another process holds the stripe; it releases it within one rename, or by dying.
            LockSupport.parkNanos(backoff);
            backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
        }
    }

    /** Lets go of the lock file; the last user of the root in this JVM closes it. */
    void close() throws IOException {
        synchronized (OPEN) {
            if (--shared.users == 0) {
                OPEN.remove(root);
                shared.channel.close();
            }
        }
    }

    /** An action that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface IoAction<T> {
        T run() throws IOException;
    }

    private static final class Shared {
        final FileChannel channel;
        int users;

        Shared(FileChannel channel) {
            this.channel = channel;
        }
    }
}
