package studio.sselfie.storage.migration.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process a lock holder is, as a person reads it and as another process on the same machine can check it: host
 * name, process id, the instant the process started, and a scope naming the kernel boot and process-id namespace the
 * process id belongs to (Linux: {@code /proc/sys/kernel/random/boot_id} and the {@code /proc/self/ns/pid} link; null
 * where they cannot be read).
 *
 * @param host      the host name ({@code unknown-host} when it cannot be resolved)
 * @param pid       the process id
 * @param startedAt when the process started (ISO-8601), or null when the JDK cannot tell
 * @param scope     where {@code pid} means this process, or null when unknown
 */
public record ProcessIdentity(String host, long pid, String startedAt, String scope) {
    /** Process start instants read twice may differ by rounding; a pid reused within this margin is not told apart. */
    private static final Duration START_MARGIN = Duration.ofSeconds(1);
    private static final String UNKNOWN_HOST = "unknown-host";

    /** This process, looked up once: resolving the local host name can take seconds on a badly configured machine. */
    public static ProcessIdentity current() {
        return Current.VALUE;
    }

    /** {@code user@host pid 1234 started 2026-05-01T10:00:00Z}: what the lock and the history show of this process. */
    public String describe(String user) {
        return user + "@" + host + " pid " + pid + (startedAt == null ? "" : " started " + startedAt);
    }

    /**
     * Whether this process is known to be gone: it ran in the same scope (same boot, same process-id namespace) on a
     * host of the same name as the calling process, and no process with its id is alive there now, or the one alive
     * started at another time (the id was reused). False whenever that cannot be told: another host or scope, an
     * unknown scope, a host name that does not name one machine ({@code localhost}, unresolved), or the calling process
     * itself.
     */
    public boolean isKnownDead() {
        ProcessIdentity here = current();
        if (scope == null || !scope.equals(here.scope) || !host.equals(here.host) || UNKNOWN_HOST.equals(host)
                || host.equalsIgnoreCase("localhost") || pid == here.pid) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        if (startedAt == null || start.isEmpty()) {
            return false;
        }
        return Duration.between(Instant.parse(startedAt), start.get()).abs().compareTo(START_MARGIN) > 0;
    }

    private static final class Current {
        static final ProcessIdentity VALUE = lookUp();

        private static ProcessIdentity lookUp() {
            ProcessHandle self = ProcessHandle.current();
            String start = self.info().startInstant().map(Instant::toString).orElse(null);
            return new ProcessIdentity(hostName(), self.pid(), start, scope());
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e) {
                return UNKNOWN_HOST;
            }
        }

        private static String scope() {
            try {
                String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim();
                String namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
                return boot.isEmpty() ? null : boot + " " + namespace;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
