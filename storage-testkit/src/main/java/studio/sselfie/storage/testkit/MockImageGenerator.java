package studio.sselfie.storage.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Deterministic, real test images: a seeded "selfie" test card (a gradient backdrop with soft discs, a head and
 * shoulders, a strip of colour bars, optional pixel noise) encoded as PNG or JPEG that {@code ImageIO.read} decodes to
 * exactly the chosen width and height. Immutable and thread-safe: build one, then {@link #generate()},
 * {@link #stream()} or {@link #writeTo(OutputStream)} as often as needed.
 *
 * <pre>{@code
 * byte[] avatar = MockImageGenerator.png(64, 64, 1);
 * MockImageGenerator selfie = MockImageGenerator.builder()
 *         .format(ImageFormat.JPEG).width(1080).height(1920).seed(7).targetBytes(2_000_000).build();
 * backend.put("photos/u1/orig.jpg", selfie.stream(), selfie.size(), options);
 * }</pre>
 *
 * <p><b>Determinism</b>: the same settings give the same bytes, byte for byte, on every run and JVM: pixels come from
 * integer and strict floating-point arithmetic and a seeded SplitMix64 generator, no timestamp or other varying
 * metadata is written, and the encoders are fixed (see {@link ImageFormat}). A different seed gives a different image.
 *
 * <p><b>Size</b>: with {@link #targetBytes()} {@code 0} (the default) the image is the richest picture at its natural
 * encoded size. With a target, the generator takes the richest picture (most noise, highest JPEG quality, stepping down
 * from JPEG quality 0.92) whose encoding fits, and pads it with format-legal data decoders skip (PNG private ancillary
 * {@code paDd} chunks before IEND; JPEG comment segments after the JFIF header) up to the target. The output is then
 * exactly {@code targetBytes}, except when the gap is smaller than one padding segment's frame (12 bytes for PNG, 4 for
 * JPEG): then it is at most 11 (PNG) or 3 (JPEG) bytes more. When even the plainest picture encodes larger than the
 * target, the output is that smallest encoding, unpadded and larger than the target; no exception is thrown, and
 * {@link #size()} tells the exact size either way.
 *
 * <p><b>Memory</b>: the encoded picture is built in memory once per instance (about 3 bytes a pixel while encoding) and
 * kept; padding is produced while streaming, so a large target costs no memory with {@link #stream()}.
 */
public final class MockImageGenerator {
    /** Default width: 640 pixels. */
    public static final int DEFAULT_WIDTH = 640;
    /** Default height: 480 pixels. */
    public static final int DEFAULT_HEIGHT = 480;
    /** Largest width or height: 16384 pixels. */
    public static final int MAX_DIMENSION = 16_384;
    /** Largest target size: 256 MiB. */
    public static final long MAX_TARGET_BYTES = 256L * 1024 * 1024;

    // From the richest picture to the plainest. PNG ignores the quality and tries the richest, then the plain one.
    private static final List<Detail> DETAILS = List.of(new Detail(12, 0.92f), new Detail(6, 0.85f),
            new Detail(3, 0.75f), new Detail(0, 0.75f), new Detail(0, 0.5f), new Detail(0, 0.25f),
            new Detail(0, 0.1f), new Detail(0, 0.02f));
    private static final Detail PLAIN = DETAILS.get(3);

    private final ImageFormat format;
    private final int width;
    private final int height;
    private final long seed;
    private final long targetBytes;
    private volatile Encoded encoded;

    private MockImageGenerator(Builder builder) {
        this.format = builder.format;
        this.width = builder.width;
        this.height = builder.height;
        this.seed = builder.seed;
        this.targetBytes = builder.targetBytes;
    }

    /**
     * The PNG of the test card for {@code seed}, {@code width} x {@code height} pixels, at its natural size.
     *
     * @throws IllegalArgumentException if width or height is outside 1..{@value #MAX_DIMENSION}
     */
    public static byte[] png(int width, int height, long seed) {
        return builder().format(ImageFormat.PNG).width(width).height(height).seed(seed).build().generate();
    }

    /**
     * The JPEG of the test card for {@code seed}, {@code width} x {@code height} pixels, at its natural size.
     *
     * @throws IllegalArgumentException if width or height is outside 1..{@value #MAX_DIMENSION}
     */
    public static byte[] jpeg(int width, int height, long seed) {
        return builder().format(ImageFormat.JPEG).width(width).height(height).seed(seed).build().generate();
    }

    /**
     * A new builder with every default: JPEG, {@value #DEFAULT_WIDTH} x {@value #DEFAULT_HEIGHT}, seed 0, target 0
     * (natural size).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A generator built by {@code configure} from the defaults of {@link #builder()}. */
    public static MockImageGenerator of(Consumer<Builder> configure) {
        Objects.requireNonNull(configure, "configure is null");
        Builder builder = builder();
        configure.accept(builder);
        return builder.build();
    }

    /** A builder holding this generator's settings. */
    public Builder toBuilder() {
        return builder().format(format).width(width).height(height).seed(seed).targetBytes(targetBytes);
    }

    /** The image format. */
    public ImageFormat format() {
        return format;
    }

    /** The width in pixels. */
    public int width() {
        return width;
    }

    /** The height in pixels. */
    public int height() {
        return height;
    }

    /** The seed of the picture and of the padding. */
    public long seed() {
        return seed;
    }

    /** The size to reach, in bytes; {@code 0} for the natural size. See the class comment. */
    public long targetBytes() {
        return targetBytes;
    }

    /** The exact number of bytes {@link #generate()}, {@link #stream()} and {@link #writeTo} give. */
    public long size() {
        return encoded().size();
    }

    /**
     * The whole image in memory.
     *
     * @throws IllegalStateException if the image is too large for one array (use {@link #stream()})
     */
    public byte[] generate() {
        long size = size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("an image of " + size + " bytes does not fit in an array; stream it");
        }
        byte[] bytes = new byte[(int) size];
        try (InputStream in = stream()) {
            in.readNBytes(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e);
        }
        return bytes;
    }

    /**
     * A new stream of the image's bytes, the same as {@link #generate()}; padding is produced as it is read. The
     * caller closes it (closing releases nothing but is good form).
     */
    public InputStream stream() {
        Encoded image = encoded();
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(image.bytes(), 0, image.paddingOffset()),
                new PaddingStream(format, image.paddingBytes(), seed),
                new ByteArrayInputStream(image.bytes(), image.paddingOffset(),
                        image.bytes().length - image.paddingOffset()))));
    }

    /**
     * Writes the image to {@code out}, streamed; does not close it.
     *
     * @return the number of bytes written, {@link #size()}
     * @throws UncheckedIOException if writing fails
     */
    public long writeTo(OutputStream out) {
        Objects.requireNonNull(out, "out is null");
        try (InputStream in = stream()) {
            return in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the image failed", e);
        }
    }

    /** Lower-case hex SHA-256 of the image's bytes, computed over {@link #stream()}. */
    public String sha256() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = stream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Equal when every setting is equal, and so are the bytes. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MockImageGenerator)) {
            return false;
        }
        MockImageGenerator that = (MockImageGenerator) o;
        return format == that.format && width == that.width && height == that.height && seed == that.seed
                && targetBytes == that.targetBytes;
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(format, width, height, seed, targetBytes);
    }

    /** The settings, for messages. */
    @Override
    public String toString() {
        return "MockImageGenerator{format=" + format + ", width=" + width + ", height=" + height + ", seed=" + seed
                + ", targetBytes=" + targetBytes + '}';
    }

    private Encoded encoded() {
        Encoded result = encoded;
        if (result == null) {
            synchronized (this) {
                result = encoded;
                if (result == null) {
                    result = encode();
                    encoded = result;
                }
            }
        }
        return result;
    }

    private List<Detail> details() {
        if (format == ImageFormat.JPEG) {
            return DETAILS;
        }
        // Noise does not deflate: a noisy PNG takes about 3 bytes a pixel, so below that only the plain picture fits.
        boolean noisyMayFit = targetBytes == 0 || targetBytes >= 3L * width * height;
        return noisyMayFit ? List.of(DETAILS.get(0), PLAIN) : List.of(PLAIN);
    }

    private Encoded encode() {
        byte[] smallest = null;
        for (Detail detail : details()) {
            byte[] bytes = format.encode(width, height, new TestCard(width, height, seed, detail.noise()), detail.quality());
            if (smallest == null || bytes.length < smallest.length) {
                smallest = bytes;
            }
            if (targetBytes == 0 || bytes.length <= targetBytes) {
                break;
            }
        }
        long padding = 0;
        if (targetBytes > smallest.length) {
            padding = Math.max(targetBytes - smallest.length, format.paddingOverhead());
        }
        return new Encoded(smallest, format.paddingOffset(smallest), padding);
    }

    /** How rich a picture is: noise amplitude per channel, JPEG quality. */
    private record Detail(int noise, float quality) {
    }

    /** The encoded picture, where padding goes in it, and how many padding bytes. */
    private record Encoded(byte[] bytes, int paddingOffset, long paddingBytes) {
        long size() {
            return bytes.length + paddingBytes;
        }
    }

    /**
     * Padding segments summing to exactly the requested bytes (at least one segment's overhead), as even as the
     * format's largest segment allows; their data comes from a SplitMix64 generator seeded by the image's seed.
     */
    private static final class PaddingStream extends InputStream {
        private final ImageFormat format;
        private final SplitMix random;
        private final byte[] data;
        private final byte[] segment;
        private final long segments;
        private final long base;
        private final long larger;
        private long index;
        private int position;
        private int limit;

        PaddingStream(ImageFormat format, long bytes, long seed) {
            this.format = format;
            this.random = new SplitMix(seed ^ 0x5DEECE66DL);
            int largest = format.paddingOverhead() + format.maxPaddingData();
            this.segments = (bytes + largest - 1) / largest;
            this.base = segments == 0 ? 0 : bytes / segments;
            this.larger = segments == 0 ? 0 : bytes % segments;
            this.data = new byte[bytes == 0 ? 0 : format.maxPaddingData()];
            this.segment = new byte[bytes == 0 ? 0 : largest];
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            return segment[position++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(segment, position, b, off, n);
            position += n;
            return n;
        }

        private boolean fill() {
            if (position < limit) {
                return true;
            }
            if (index == segments) {
                return false;
            }
            int dataLength = (int) (base + (index < larger ? 1 : 0)) - format.paddingOverhead();
            index++;
            random.nextBytes(data, dataLength);
            limit = format.writePaddingSegment(data, dataLength, segment);
            position = 0;
            return true;
        }
    }

    /**
     * The picture: a vertical gradient backdrop with soft discs, shoulders, neck, hair, a shaded face with eyes and
     * mouth, colour bars along the bottom, then per-channel noise. Shapes scale with the image; rows are computed
     * independently, so an encoder can ask for them one at a time.
     */
    private static final class TestCard implements ImageFormat.Rows {
        private static final int[] SKIN = {0xF1C27D, 0xE0AC69, 0xC68642, 0x8D5524, 0xFFDBAC, 0xD1A27A};
        private static final int[] HAIR = {0x2C1B10, 0x4B2E1E, 0x0F0F0F, 0x8A5A2B, 0xB89B72, 0x5A3825};
        private static final int[] BARS = {0xC0C0C0, 0xC0C000, 0x00C0C0, 0x00C000, 0xC000C0, 0xC00000, 0x0000C0, 0x101010};

        private final int width;
        private final int height;
        private final long seed;
        private final int noise;
        private final int top;
        private final int bottom;
        private final double[][] ellipses = new double[12][];
        private final int[] pixels;

        TestCard(int width, int height, long seed, int noise) {
            this.width = width;
            this.height = height;
            this.seed = seed;
            this.noise = noise;
            this.pixels = new int[width];
            SplitMix random = new SplitMix(seed);
            top = colour(random, 0x405070, 0x40);
            bottom = colour(random, 0x101820, 0x30);
            double w = width;
            double h = height;
            double shift = (random.nextInt(101) - 50) / 1000.0 * w;
            // Each ellipse: centre x, centre y, radius x, radius y, colour, shading, blended (1) or opaque (0).
            for (int i = 0; i < 5; i++) {
                double r = (40 + random.nextInt(80)) / 1000.0 * Math.min(w, h);
                ellipses[i] = new double[] {random.nextInt(1001) / 1000.0 * w, random.nextInt(601) / 1000.0 * h, r, r,
                        colour(random, 0x808080, 0x80), 0, 1};
            }
            int skin = SKIN[random.nextInt(SKIN.length)];
            ellipses[5] = new double[] {w / 2, h * 1.02, w * 0.42, h * 0.30, colour(random, 0x202020, 0xC0), 0, 0};
            ellipses[6] = new double[] {w / 2 + shift, h * 0.66, w * 0.07, h * 0.10, darker(skin), 0, 0};
            ellipses[7] = new double[] {w / 2 + shift, h * 0.40, w * 0.21, h * 0.25, HAIR[random.nextInt(HAIR.length)], 0, 0};
            ellipses[8] = new double[] {w / 2 + shift, h * 0.46, w * 0.17, h * 0.22, skin, 24, 0};
            ellipses[9] = new double[] {w * 0.43 + shift, h * 0.42, w * 0.022, h * 0.014, 0x1A1A1A, 0, 0};
            ellipses[10] = new double[] {w * 0.57 + shift, h * 0.42, w * 0.022, h * 0.014, 0x1A1A1A, 0, 0};
            ellipses[11] = new double[] {w / 2 + shift, h * 0.56, w * 0.05, h * 0.012, 0xA0303A, 0, 0};
        }

        @Override
        public void row(int y, byte[] rgb) {
            for (int x = 0; x < width; x++) { // backdrop: top to bottom, warmer to the left
                int tint = 12 - x * 24 / width;
                pixels[x] = add(mix(top, bottom, y, Math.max(1, height - 1)), tint, 0, -tint);
            }
            for (double[] e : ellipses) {
                double dy = (y + 0.5 - e[1]) / e[3];
                if (dy * dy > 1) {
                    continue;
                }
                double half = e[2] * Math.sqrt(1 - dy * dy);
                int from = (int) Math.max(0, Math.ceil(e[0] - half - 0.5));
                int to = (int) Math.min(width - 1, Math.floor(e[0] + half - 0.5));
                for (int x = from; x <= to; x++) {
                    int colour = (int) e[4];
                    if (e[5] != 0) { // lit from the left
                        int shade = (int) Math.floor((e[0] - x - 0.5) / e[2] * e[5]);
                        colour = add(colour, shade, shade, shade);
                    }
                    pixels[x] = e[6] != 0 ? mix(pixels[x], colour, 1, 2) : colour;
                }
            }
            if (height >= 24 && y >= height - height / 24) {
                for (int x = 0; x < width; x++) {
                    pixels[x] = BARS[x * BARS.length / width];
                }
            }
            SplitMix random = new SplitMix(seed * 31 + y);
            long bits = 0;
            for (int x = 0, i = 0; x < width; x++) {
                for (int shift = 16; shift >= 0; shift -= 8, i++) {
                    int value = pixels[x] >>> shift & 0xFF;
                    if (noise > 0) {
                        if ((i & 7) == 0) {
                            bits = random.nextLong();
                        }
                        value += (int) ((bits >>> ((i & 7) * 8) & 0xFF) % (2 * noise + 1)) - noise;
                    }
                    rgb[i] = (byte) Math.max(0, Math.min(255, value));
                }
            }
        }

        private static int mix(int from, int to, int numerator, int denominator) {
            int result = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                int a = from >>> shift & 0xFF;
                int b = to >>> shift & 0xFF;
                result |= (a + (b - a) * numerator / denominator) << shift;
            }
            return result;
        }

        private static int add(int colour, int red, int green, int blue) {
            int r = Math.max(0, Math.min(255, (colour >>> 16 & 0xFF) + red));
            int g = Math.max(0, Math.min(255, (colour >>> 8 & 0xFF) + green));
            int b = Math.max(0, Math.min(255, (colour & 0xFF) + blue));
            return r << 16 | g << 8 | b;
        }

        private static int colour(SplitMix random, int base, int spread) {
            return add(base, random.nextInt(spread), random.nextInt(spread), random.nextInt(spread));
        }

        private static int darker(int colour) {
            return add(colour, -30, -30, -30);
        }
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fixed here so the bytes never depend on the JDK. */
    private static final class SplitMix {
        private long state;

        SplitMix(long seed) {
            this.state = seed;
        }

        long nextLong() {
            long z = state += 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        int nextInt(int bound) {
            return (int) ((nextLong() >>> 1) % bound);
        }

        void nextBytes(byte[] bytes, int length) {
            for (int i = 0; i < length; i += 8) {
                long value = nextLong();
                for (int j = i; j < Math.min(length, i + 8); j++, value >>>= 8) {
                    bytes[j] = (byte) value;
                }
            }
        }
    }

    /** Builder of {@link MockImageGenerator}. Each setter checks its argument at once. */
    public static final class Builder {
        private ImageFormat format = ImageFormat.JPEG;
        private int width = DEFAULT_WIDTH;
        private int height = DEFAULT_HEIGHT;
        private long seed;
        private long targetBytes;

        private Builder() {
        }

        /** The image format. Default: {@link ImageFormat#JPEG}. */
        public Builder format(ImageFormat format) {
            this.format = Objects.requireNonNull(format, "format is null");
            return this;
        }

        /**
         * The width in pixels. Default: {@value #DEFAULT_WIDTH}.
         *
         * @throws IllegalArgumentException if outside 1..{@value #MAX_DIMENSION}
         */
        public Builder width(int width) {
            this.width = checkDimension("width", width);
            return this;
        }

        /**
         * The height in pixels. Default: {@value #DEFAULT_HEIGHT}.
         *
         * @throws IllegalArgumentException if outside 1..{@value #MAX_DIMENSION}
         */
        public Builder height(int height) {
            this.height = checkDimension("height", height);
            return this;
        }

        /** The seed of the picture and padding; any value. Default: 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The size to reach in bytes, or {@code 0} for the natural size (see the class comment). Default: 0.
         *
         * @throws IllegalArgumentException if negative or above {@link #MAX_TARGET_BYTES} (256 MiB)
         */
        public Builder targetBytes(long targetBytes) {
            if (targetBytes < 0 || targetBytes > MAX_TARGET_BYTES) {
                throw new IllegalArgumentException("targetBytes must be between 0 and " + MAX_TARGET_BYTES + ", was "
                        + targetBytes);
            }
            this.targetBytes = targetBytes;
            return this;
        }

        /** The generator; the image itself is encoded on first use. */
        public MockImageGenerator build() {
            return new MockImageGenerator(this);
        }

        private static int checkDimension(String name, int value) {
            if (value < 1 || value > MAX_DIMENSION) {
                throw new IllegalArgumentException(name + " must be between 1 and " + MAX_DIMENSION + ", was " + value);
            }
            return value;
        }
    }
}
