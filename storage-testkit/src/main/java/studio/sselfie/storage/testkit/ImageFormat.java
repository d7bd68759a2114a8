package studio.sselfie.storage.testkit;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * An image format {@link MockImageGenerator} writes: its media type, file extension and magic bytes.
 *
 * <p>Both encoders give the same bytes for the same pixels on every JVM. JPEG goes through the JDK's own ImageIO
 * writer (baseline, 4:2:0, standard Huffman tables, accurate integer DCT, quality set explicitly), whose native part is
 * IJG libjpeg 6b or, on some Linux builds, libjpeg-turbo, which documents identical output for these settings. PNG
 * does not go through ImageIO: its writer deflates with the zlib the JDK was linked against, and zlib builds (zlib-ng,
 * Chromium's, Apple's) compress the same data to different bytes; so PNG is written by a small deflate encoder of this
 * class (one fixed-Huffman block, greedy LZ77), in Java alone.
 */
public enum ImageFormat {
    /**
     * PNG, 8-bit RGB, not interlaced. Media type {@code image/png}, extension {@code png}, magic bytes
     * {@code 89 50 4E 47 0D 0A 1A 0A}.
     */
    PNG("image/png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 12, 65_536),
    /**
     * JPEG (JFIF), baseline. Media type {@code image/jpeg}, extension {@code jpg}, magic bytes {@code FF D8 FF}.
     */
    JPEG("image/jpeg", "jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, 4, 65_533);

    /** Supplies one row of pixels: {@code 3 * width} bytes, R, G, B for each pixel from left to right. */
    interface Rows {
        void row(int y, byte[] rgb);
    }

    private static final byte[] PNG_PADDING_TYPE = "paDd".getBytes(StandardCharsets.US_ASCII);

    private final String mediaType;
    private final String extension;
    private final byte[] magicBytes;
    private final int paddingOverhead;
    private final int maxPaddingData;

    ImageFormat(String mediaType, String extension, byte[] magicBytes, int paddingOverhead, int maxPaddingData) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.magicBytes = magicBytes;
        this.paddingOverhead = paddingOverhead;
        this.maxPaddingData = maxPaddingData;
    }

    /** The media type to store as content type: {@code image/png} or {@code image/jpeg}. */
    public String mediaType() {
        return mediaType;
    }

    /** The usual file extension, without the dot: {@code png} or {@code jpg}. */
    public String extension() {
        return extension;
    }

    /** The bytes every file of this format starts with (a new copy). */
    public byte[] magicBytes() {
        return magicBytes.clone();
    }

    /** Whether {@code header} starts with this format's {@link #magicBytes()}. */
    public boolean hasMagicBytes(byte[] header) {
        Objects.requireNonNull(header, "header is null");
        return header.length >= magicBytes.length
                && Arrays.equals(header, 0, magicBytes.length, magicBytes, 0, magicBytes.length);
    }

    /** Bytes one padding segment takes besides its data: PNG chunk length, type and CRC; JPEG marker and length. */
    int paddingOverhead() {
        return paddingOverhead;
    }

    /** Most data bytes in one padding segment. */
    int maxPaddingData() {
        return maxPaddingData;
    }

    /** Encodes the image; {@code jpegQuality} (0..1) is ignored by PNG. */
    byte[] encode(int width, int height, Rows rows, float jpegQuality) {
        return this == PNG ? Png.encode(width, height, rows) : encodeJpeg(width, height, rows, jpegQuality);
    }

    /**
     * Where padding segments go in {@code encoded}: PNG before the IEND chunk; JPEG after SOI and the JFIF APP0
     * segment, since nothing may follow a JPEG's end-of-image marker.
     */
    int paddingOffset(byte[] encoded) {
        if (this == PNG) {
            return encoded.length - 12;
        }
        boolean app0 = (encoded[2] & 0xFF) == 0xFF && (encoded[3] & 0xFF) == 0xE0;
        return app0 ? 4 + ((encoded[4] & 0xFF) << 8 | (encoded[5] & 0xFF)) : 2;
    }

    /**
     * Writes one padding segment around the first {@code dataLength} bytes of {@code data} into {@code target} from
     * index 0; returns its length, {@code dataLength + paddingOverhead()}. A PNG private ancillary chunk {@code paDd},
     * which decoders skip; a JPEG comment (COM) segment.
     */
    int writePaddingSegment(byte[] data, int dataLength, byte[] target) {
        if (this == PNG) {
            putInt(target, 0, dataLength);
            System.arraycopy(PNG_PADDING_TYPE, 0, target, 4, 4);
            System.arraycopy(data, 0, target, 8, dataLength);
            CRC32 crc = new CRC32();
            crc.update(target, 4, 4 + dataLength);
            putInt(target, 8 + dataLength, (int) crc.getValue());
        } else {
            int length = dataLength + 2;
            target[0] = (byte) 0xFF;
            target[1] = (byte) 0xFE;
            target[2] = (byte) (length >>> 8);
            target[3] = (byte) length;
            System.arraycopy(data, 0, target, 4, dataLength);
        }
        return dataLength + paddingOverhead;
    }

    private static byte[] encodeJpeg(int width, int height, Rows rows, float quality) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[3 * width];
        for (int y = 0; y < height; y++) {
            rows.row(y, rgb);
            int offset = y * 3 * width;
            for (int i = 0; i < rgb.length; i += 3) {
                bgr[offset + i] = rgb[i + 2];
                bgr[offset + i + 1] = rgb[i + 1];
                bgr[offset + i + 2] = rgb[i];
            }
        }
        ImageWriter writer = jdkJpegWriter();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // A memory cache: ImageIO's default may spill to a temporary file.
            try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a JPEG in memory failed", e);
        } finally {
            writer.dispose();
        }
    }

    // A JPEG plugin on the class path (TwelveMonkeys...) may come first and would write other bytes.
    private static ImageWriter jdkJpegWriter() {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (writer.getOriginatingProvider().getClass().getModule() == ImageIO.class.getModule()) {
                return writer;
            }
            writer.dispose();
        }
        throw new IllegalStateException("the JDK's ImageIO JPEG writer is missing from this JVM");
    }

    private static void putInt(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }

    /** PNG writer: signature, IHDR, IDAT chunks of a zlib stream of adaptively filtered rows, IEND. */
    private static final class Png {
        private static final int IDAT_SIZE = 65_536;

        static byte[] encode(int width, int height, Rows rows) {
            Zlib zlib = new Zlib();
            int stride = 3 * width;
            byte[] prior = new byte[stride];
            byte[] current = new byte[stride];
            byte[] best = new byte[stride + 1];
            byte[] trial = new byte[stride + 1];
            for (int y = 0; y < height; y++) {
                rows.row(y, current);
                long bestCost = Long.MAX_VALUE;
                for (int type = 0; type <= 4; type++) {
                    long cost = filter(type, current, prior, trial);
                    if (cost < bestCost) {
                        bestCost = cost;
                        System.arraycopy(trial, 0, best, 0, trial.length);
                    }
                }
                zlib.write(best);
                byte[] swap = prior;
                prior = current;
                current = swap;
            }
            byte[] data = zlib.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / IDAT_SIZE * 12 + 64);
            out.writeBytes(PNG.magicBytes);
            byte[] header = new byte[13];
            putInt(header, 0, width);
            putInt(header, 4, height);
            header[8] = 8; // bit depth; then color type 2 (RGB), compression 0, filter 0, no interlace
            header[9] = 2;
            chunk(out, "IHDR", header, 0, header.length);
            for (int offset = 0; offset < data.length; offset += IDAT_SIZE) {
                chunk(out, "IDAT", data, offset, Math.min(IDAT_SIZE, data.length - offset));
            }
            chunk(out, "IEND", data, 0, 0);
            return out.toByteArray();
        }

        // The usual heuristic: the filter whose output has the smallest sum of absolute values (as signed bytes).
        private static long filter(int type, byte[] row, byte[] prior, byte[] out) {
            out[0] = (byte) type;
            long cost = 0;
            for (int i = 0; i < row.length; i++) {
                int a = i >= 3 ? row[i - 3] & 0xFF : 0;
                int b = prior[i] & 0xFF;
                int c = i >= 3 ? prior[i - 3] & 0xFF : 0;
                int predictor = switch (type) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) >>> 1;
                    default -> paeth(a, b, c);
                };
                byte value = (byte) (row[i] - predictor);
                out[i + 1] = value;
                cost += Math.abs(value);
            }
            return cost;
        }

        private static int paeth(int a, int b, int c) {
            int p = a + b - c;
            int pa = Math.abs(p - a);
            int pb = Math.abs(p - b);
            int pc = Math.abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int offset, int length) {
            byte[] head = new byte[8];
            putInt(head, 0, length);
            System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, head, 4, 4);
            CRC32 crc = new CRC32();
            crc.update(head, 4, 4);
            crc.update(data, offset, length);
            byte[] tail = new byte[4];
            putInt(tail, 0, (int) crc.getValue());
            out.write(head, 0, 8);
            out.write(data, offset, length);
            out.write(tail, 0, 4);
        }
    }

    /**
     * A zlib stream (RFC 1950) holding one deflate block with the fixed Huffman codes (RFC 1951), greedy LZ77 matches
     * found through hash chains. Input is compressed in chunks of {@value #CHUNK} bytes that see the 32 KiB before them,
     * so memory stays bounded and the output depends on the input alone.
     */
    private static final class Zlib {
        private static final int WINDOW = 32_768;
        private static final int CHUNK = 1 << 20;
        private static final int MIN_MATCH = 3;
        private static final int MAX_MATCH = 258;
        private static final int MAX_CHAIN = 32;
        private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
                59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
        private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
                4, 5, 5, 5, 5, 0};
        private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257,
                385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
        private static final int[] LENGTH_INDEX = new int[MAX_MATCH + 1];
        private static final int[] LITERAL_CODE = new int[288];
        private static final int[] LITERAL_BITS = new int[288];

        static {
            for (int i = 0; i < LENGTH_BASE.length; i++) {
                for (int length = LENGTH_BASE[i]; length < LENGTH_BASE[i] + (1 << LENGTH_EXTRA[i]) && length <= MAX_MATCH; length++) {
                    LENGTH_INDEX[length] = i;
                }
            }
            for (int symbol = 0; symbol < 288; symbol++) {
                int code;
                int bits;
                if (symbol < 144) {
                    code = 0x30 + symbol;
                    bits = 8;
                } else if (symbol < 256) {
                    code = 0x190 + symbol - 144;
                    bits = 9;
                } else if (symbol < 280) {
                    code = symbol - 256;
                    bits = 7;
                } else {
                    code = 0xC0 + symbol - 280;
                    bits = 8;
                }
                LITERAL_CODE[symbol] = Integer.reverse(code) >>> (32 - bits);
                LITERAL_BITS[symbol] = bits;
            }
        }

        private final Adler32 adler = new Adler32();
        private final byte[] buffer = new byte[WINDOW + CHUNK];
        private final int[] prev = new int[WINDOW + CHUNK];
        private final int[] head = new int[1 << 15];
        private byte[] out = new byte[1 << 16];
        private int outLength;
        private int history;
        private int filled;
        private long bits;
        private int bitCount;

        Zlib() {
            put(0x78); // deflate, 32 KiB window
            put(0x01); // no dictionary; header check
            writeBits(1, 1); // last block
            writeBits(1, 2); // fixed Huffman codes
        }

        void write(byte[] data) {
            adler.update(data);
            for (int offset = 0; offset < data.length; ) {
                int n = Math.min(data.length - offset, buffer.length - filled);
                System.arraycopy(data, offset, buffer, filled, n);
                filled += n;
                offset += n;
                if (filled == buffer.length) {
                    compress();
                }
            }
        }

        byte[] finish() {
            compress();
            writeBits(LITERAL_CODE[256], LITERAL_BITS[256]);
            if (bitCount > 0) {
                writeBits(0, 8 - bitCount); // up to the byte boundary
            }
            int checksum = (int) adler.getValue();
            put(checksum >>> 24);
            put(checksum >>> 16);
            put(checksum >>> 8);
            put(checksum);
            return Arrays.copyOf(out, outLength);
        }

        private void compress() {
            Arrays.fill(head, -1);
            for (int i = 0; i < history; i++) {
                insert(i);
            }
            int pos = history;
            while (pos < filled) {
                int bestLength = 0;
                int bestDistance = 0;
                int maxLength = Math.min(MAX_MATCH, filled - pos);
                if (maxLength >= MIN_MATCH) {
                    int candidate = head[hash(pos)];
                    for (int chain = MAX_CHAIN; candidate >= 0 && pos - candidate <= WINDOW && chain > 0; chain--) {
                        if (buffer[candidate + bestLength] == buffer[pos + bestLength]) {
                            int length = 0;
                            while (length < maxLength && buffer[candidate + length] == buffer[pos + length]) {
                                length++;
                            }
                            if (length > bestLength) {
                                bestLength = length;
                                bestDistance = pos - candidate;
                                if (length == maxLength) {
                                    break;
                                }
                            }
                        }
                        candidate = prev[candidate];
                    }
                }
                int step = bestLength >= MIN_MATCH ? bestLength : 1;
                if (step == 1) {
                    writeBits(LITERAL_CODE[buffer[pos] & 0xFF], LITERAL_BITS[buffer[pos] & 0xFF]);
                } else {
                    writeMatch(bestLength, bestDistance);
                }
                for (int end = pos + step; pos < end; pos++) {
                    insert(pos);
                }
            }
            int keep = Math.min(WINDOW, filled);
            System.arraycopy(buffer, filled - keep, buffer, 0, keep);
            history = keep;
            filled = keep;
        }

        private void writeMatch(int length, int distance) {
            int index = LENGTH_INDEX[length];
            writeBits(LITERAL_CODE[257 + index], LITERAL_BITS[257 + index]);
            writeBits(length - LENGTH_BASE[index], LENGTH_EXTRA[index]);
            int code = Arrays.binarySearch(DISTANCE_BASE, distance);
            code = code >= 0 ? code : -code - 2;
            writeBits(Integer.reverse(code) >>> 27, 5);
            writeBits(distance - DISTANCE_BASE[code], code < 4 ? 0 : (code >>> 1) - 1);
        }

        private void insert(int pos) {
            if (pos + MIN_MATCH <= filled) {
                int h = hash(pos);
                prev[pos] = head[h];
                head[h] = pos;
            }
        }

        private int hash(int pos) {
            int key = (buffer[pos] & 0xFF) << 16 | (buffer[pos + 1] & 0xFF) << 8 | buffer[pos + 2] & 0xFF;
            return (key * 0x9E3779B1) >>> 17;
        }

        private void writeBits(int value, int count) {
            bits |= (long) value << bitCount;
            bitCount += count;
            while (bitCount >= 8) {
                put((int) bits);
                bits >>>= 8;
                bitCount -= 8;
            }
        }

        // Not a ByteArrayOutputStream: its synchronized write(int) was most of the time spent on a noisy picture.
        private void put(int b) {
            if (outLength == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[outLength++] = (byte) b;
        }
    }
}
