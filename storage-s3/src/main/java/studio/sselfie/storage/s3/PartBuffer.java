package studio.sselfie.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The bytes of one part, held in chunks so that a small body costs a chunk rather than a whole part, and replayable
 * so that the SDK can retry the part's request. Not thread-safe: filled by one thread, then read by the uploader.
 */
final class PartBuffer {
    private static final int CHUNK_SIZE = 256 * 1024;

    private final long capacity;
    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    PartBuffer(long capacity) {
        this.capacity = capacity;
    }

    /**
     * Reads from {@code in} until this part is full or the stream ends.
     *
     * @return whether the stream ended (an exactly full part followed by the end counts as ended: the next byte is
     *         peeked and pushed back)
     */
    boolean fill(PushbackInputStream in) throws IOException {
        while (size < capacity) {
            int offset = (int) (size % CHUNK_SIZE);
            if (offset == 0) {
                chunks.add(new byte[(int) Math.min(CHUNK_SIZE, capacity - size)]);
            }
            byte[] chunk = chunks.get(chunks.size() - 1);
            int n = in.read(chunk, offset, chunk.length - offset);
            if (n < 0) {
                return true;
            }
            size += n;
        }
        int next = in.read();
        if (next < 0) {
            return true;
        }
        in.unread(next);
        return false;
    }

    long size() {
        return size;
    }

    /** A request body over these bytes; each stream the SDK asks for starts again at the first byte. */
    RequestBody requestBody() {
        return RequestBody.fromContentProvider(ChunksInputStream::new, size, "application/octet-stream");
    }

    private final class ChunksInputStream extends InputStream {
        private long position;

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            byte b = chunks.get((int) (position / CHUNK_SIZE))[(int) (position % CHUNK_SIZE)];
            position++;
            return b & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= size) {
                return -1;
            }
            byte[] chunk = chunks.get((int) (position / CHUNK_SIZE));
            int offset = (int) (position % CHUNK_SIZE);
            int n = (int) Math.min(Math.min(len, chunk.length - offset), size - position);
            System.arraycopy(chunk, offset, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, size - position);
        }
    }
}
