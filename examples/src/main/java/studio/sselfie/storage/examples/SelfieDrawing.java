package studio.sselfie.storage.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Draws a made-up selfie (backdrop, head, shoulders, a smile) with plain java.awt, so the examples need no image files
 * and their main code does not depend on the test kit. The same seed and size give the same picture.
 */
final class SelfieDrawing {
    private SelfieDrawing() {
    }

    /**
     * A {@code width} x {@code height} selfie encoded as JPEG.
     *
     * @throws IllegalArgumentException if width or height is not positive
     */
    static byte[] jpeg(int width, int height, long seed) {
        return Images.encodeJpeg(draw(width, height, seed));
    }

    static BufferedImage draw(int width, int height, long seed) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be positive, were " + width + " x " + height);
        }
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, randomColor(random), width, height, randomColor(random)));
            g.fillRect(0, 0, width, height);

            int unit = Math.min(width, height);
            int headWidth = unit * 2 / 5;
            int headHeight = headWidth * 5 / 4;
            int headX = (width - headWidth) / 2;
            int headY = height / 2 - headHeight * 3 / 4;

            g.setColor(randomColor(random));
            g.fillRoundRect(width / 2 - unit * 2 / 5, headY + headHeight * 9 / 10, unit * 4 / 5, height, unit / 3, unit / 3);
            g.setColor(new Color(224 + random.nextInt(24), 172 + random.nextInt(40), 140 + random.nextInt(40)));
            g.fillOval(headX, headY, headWidth, headHeight);

            int eyeSize = Math.max(1, headWidth / 8);
            g.setColor(Color.DARK_GRAY);
            g.fillOval(headX + headWidth / 4, headY + headHeight * 2 / 5, eyeSize, eyeSize);
            g.fillOval(headX + headWidth * 3 / 4 - eyeSize, headY + headHeight * 2 / 5, eyeSize, eyeSize);
            g.setStroke(new BasicStroke(Math.max(1, headWidth / 40f)));
            g.drawArc(headX + headWidth / 4, headY + headHeight / 2, headWidth / 2, headHeight / 4, 200, 140);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Color randomColor(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }
}
