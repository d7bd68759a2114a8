package studio.sselfie.storage.filesystem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;

/**
 * The child JVM of {@link FileSystemCrossProcessTest}. Arguments: the root, then a mode:
 * <ul>
 *   <li>{@code hang-put <key> <bytes>}: puts a body that yields {@code bytes} bytes, prints {@code HALFWAY} and then
 *       blocks forever inside the put, to be killed there;</li>
 *   <li>{@code create <id> <keys>}: prints {@code READY}, waits for a line on stdin, then puts its id at
 *       {@code race/0..keys-1} with if-none-match {@code *}, printing {@code WON <key>} for each it created;</li>
 *   <li>{@code increment <times>}: prints {@code READY}, waits for a line, then adds one to the counter at
 *       {@code counter} {@code times} times, each by get and put with if-match, again on a lost race.</li>
 * </ul>
 * Prints {@code DONE} at the end.
 */
final class ChildJvmWriter {
    private ChildJvmWriter() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (StorageBackend backend = FileSystemStorageBackend.open(Path.of(args[0]))) {
            switch (args[1]) {
                case "hang-put":
                    backend.put(args[2], new HangingBody(Long.parseLong(args[3]), stdin), StorageBackend.UNKNOWN_LENGTH,
                            PutOptions.defaults());
                    break;
                case "create":
                    awaitGo(stdin);
                    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                        try {
                            backend.put("race/" + i, args[2].getBytes(StandardCharsets.UTF_8), PutOptions.builder().ifNoneMatchAny().build());
                            System.out.println("WON race/" + i);
                        } catch (PreconditionFailedException lost) {
                            // the other JVM created it first: that is the race being tested
                        }
                    }
                    break;
                case "increment":
                    awaitGo(stdin);
                    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                        increment(backend);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown mode " + args[1]);
            }
        }
        System.out.println("DONE");
        System.out.flush();
    }

    private static void awaitGo(BufferedReader stdin) throws IOException {
        System.out.println("READY");
        System.out.flush();
        stdin.readLine();
    }

    private static void increment(StorageBackend backend) {
        while (true) {
            Optional<ObjectInfo> head = backend.head("counter");
            String etag = head.orElseThrow().etag();
            int value = Integer.parseInt(backend.getString("counter"));
            try {
                backend.put("counter", Integer.toString(value + 1).getBytes(StandardCharsets.UTF_8),
                        PutOptions.builder().ifMatch(etag).build());
                return;
            } catch (PreconditionFailedException lost) {
                // the other JVM wrote between our read and our write: read again
            }
        }
    }

    /** Yields {@code before} bytes, says so, then blocks reading stdin (the parent never writes): killed mid-put. */
    private static final class HangingBody extends InputStream {
        private final BufferedReader stdin;
        private long left;

        HangingBody(long before, BufferedReader stdin) {
            this.left = before;
            this.stdin = stdin;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                System.out.println("HALFWAY");
                System.out.flush();
                stdin.readLine();
                throw new IOException("the parent was to kill this JVM before it wrote a line");
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'n');
            left -= n;
            return n;
        }
    }
}
