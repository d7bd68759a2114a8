package studio.sselfie.storage.examples;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/** Image helpers of the gallery: size of a stored image, thumbnails, JPEG encoding. Plain java.awt and ImageIO. */
final class Images {
    /** The media type of every image the gallery writes. */
    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";
    private static final float JPEG_QUALITY = 0.85f;

    private Images() {
    }

    /** Width, height and format (lower case, e.g. {@code jpeg}) of an image. */
    record ImageSize(int width, int height, String format) {
    }

    /** A JPEG thumbnail and its size. */
    record Thumbnail(byte[] jpeg, int width, int height) {
    }

    /**
     * Reads the size and format of the image in {@code in} from its header, without decoding the pixels.
     *
     * @throws IOException if the stream is not an image ImageIO can read
     */
    static ImageSize size(InputStream in) throws IOException {
        try (ImageInputStream images = ImageIO.createImageInputStream(in)) {
            ImageReader reader = readerFor(images);
            try {
                reader.setInput(images, true, true);
                return new ImageSize(reader.getWidth(0), reader.getHeight(0),
                        reader.getFormatName().toLowerCase(Locale.ROOT));
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Scales the image in {@code in} to {@code width} pixels wide, keeping its aspect ratio, as JPEG.
     *
     * @throws IOException if the stream is not an image ImageIO can read
     */
    static Thumbnail thumbnail(InputStream in, int width) throws IOException {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive, was " + width);
        }
        try (ImageInputStream images = ImageIO.createImageInputStream(in)) {
            ImageReader reader = readerFor(images);
            try {
                reader.setInput(images, true, true);
                // The height comes from the original's size: the subsampled image's is rounded.
                int height = Math.max(1, (int) Math.round((double) reader.getHeight(0) * width / reader.getWidth(0)));
                BufferedImage original = reader.read(0, subsampling(reader, width));
                return new Thumbnail(encodeJpeg(scale(original, width, height)), width, height);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Encodes {@code image} (no alpha) as a baseline JPEG at a fixed quality. */
    static byte[] encodeJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a JPEG in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    // A 12-megapixel selfie decodes to ~48 MB; subsampling while decoding keeps a thumbnail's memory small. Keeping at
    // least twice the target width leaves the bilinear scale enough pixels to look smooth.
    private static ImageReadParam subsampling(ImageReader reader, int targetWidth) throws IOException {
        int step = Math.max(1, reader.getWidth(0) / (targetWidth * 2));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        return param;
    }

    private static BufferedImage scale(BufferedImage original, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(original, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    private static ImageReader readerFor(ImageInputStream images) throws IOException {
        if (images == null) {
            throw new IOException("ImageIO cannot open the stream");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(images);
        if (!readers.hasNext()) {
            throw new IOException("not an image format ImageIO can read");
        }
        return readers.next();
    }
}
