package org.healthwallet.core.share;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * QR codes of share links, made and read with ZXing. Made with error correction M and a quiet
 * zone of 4 modules, as the SMART Health Links specification recommends; the link's text goes in
 * as one byte-mode segment (ZXing picks byte mode for text with lower-case letters, and uses a
 * single mode for the whole text). Reading tries hard (rotated, small, photographed codes).
 */
public final class QrCode {
    public static final int MIN_SIZE_PX = 64;
    public static final int MAX_SIZE_PX = 4096;
    static final int QUIET_ZONE_MODULES = 4;
    /** An image file larger than this, or with more pixels, is not opened (a QR scan never is). */
    static final long MAX_FILE_BYTES = 50L * 1024 * 1024;
    static final long MAX_PIXELS = 60_000_000L;

    private QrCode() {}

    /** A PNG of {@code sizePx} × {@code sizePx} pixels holding {@code text}. */
    public static byte[] encode(String text, int sizePx) throws QrCodeException {
        BufferedImage image = image(text, sizePx);
        ByteArrayOutputStream png = new ByteArrayOutputStream(8 * 1024);
        try {
            ImageIO.write(image, "PNG", png);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory failed", e);
        }
        return png.toByteArray();
    }

    /** The QR code as an image (black on white), for a screen to show full size. */
    public static BufferedImage image(String text, int sizePx) throws QrCodeException {
        if (text == null || text.isEmpty()) {
            throw new QrCodeException("There is nothing to put in a QR code.");
        }
        if (sizePx < MIN_SIZE_PX || sizePx > MAX_SIZE_PX) {
            throw new IllegalArgumentException("QR code size must be " + MIN_SIZE_PX + " to " + MAX_SIZE_PX + " pixels, not " + sizePx);
        }
        return MatrixToImageWriter.toBufferedImage(matrix(text, sizePx));
    }

    /**
     * The code's modules. ZXing's own mask choice sometimes makes a code that a plain (not trying
     * hard) ZXing reader cannot find, about 3 links in 100 here; a phone's scanner may be just as
     * plain, so a code is checked after it is made and made with another mask until a plain read
     * gives back the text.
     */
    static BitMatrix matrix(String text, int sizePx) throws QrCodeException {
        try {
            Map<EncodeHintType, Object> hints = encodeHints(text);
            BitMatrix chosen = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, sizePx, sizePx, hints);
            for (int mask = 0; mask < MASK_PATTERNS && !readsPlainly(chosen, text); mask++) {
                hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
                BitMatrix other = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, sizePx, sizePx, hints);
                if (readsPlainly(other, text)) chosen = other;
            }
            return chosen;
        } catch (WriterException e) {
            throw new QrCodeException("This text (" + text.length() + " characters) is too long for one QR code.", e);
        }
    }

    private static final int MASK_PATTERNS = 8;

    /** True when ZXing's reader with no hints reads {@code text} back from these modules. */
    static boolean readsPlainly(BitMatrix matrix, String text) {
        LuminanceSource source = new BufferedImageLuminanceSource(MatrixToImageWriter.toBufferedImage(matrix));
        try {
            return text.equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText());
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return false;
        }
    }

    static Map<EncodeHintType, Object> encodeHints(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            // A link is ASCII; anything else is written as UTF-8 with its ECI marker.
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        return hints;
    }

    /** The text of the QR code in an image file (PNG, JPEG, GIF, BMP). */
    public static String decode(Path file) throws QrCodeException {
        if (!Files.isRegularFile(file)) {
            throw new QrCodeException("There is no file at " + file + ".");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new QrCodeException("The file " + file.getFileName() + " is too large to be a picture of a QR code.");
            }
        } catch (IOException e) {
            throw new QrCodeException("The file " + file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw notAnImage(file);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new QrCodeException("The image " + file.getFileName() + " is " + reader.getWidth(0) + " × "
                            + reader.getHeight(0) + " pixels, too large to search for a QR code.");
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new QrCodeException("The file " + file.getFileName() + " could not be read as an image: it is damaged"
                    + " or not a picture.", e);
        }
        return decode(image);
    }

    /** The text of the QR code in an image; tries hard, then with a second way of telling black from white. */
    public static String decode(BufferedImage image) throws QrCodeException {
        if (image == null) {
            throw new QrCodeException("There is no image to read a QR code from.");
        }
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        hints.put(DecodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        boolean damaged = false;
        for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            try {
                Result result = new QRCodeReader().decode(bitmap, hints);
                return result.getText();
            } catch (NotFoundException e) {
                // try the next way
            } catch (ChecksumException | FormatException e) {
                damaged = true;
            }
            // Squares in a busy picture can pass for finder patterns; look at every candidate code.
            try {
                for (Result result : new QRCodeMultiReader().decodeMultiple(bitmap, hints)) {
                    return result.getText();
                }
            } catch (NotFoundException e) {
                // try the next binarizer
            }
        }
        if (damaged) {
            throw new QrCodeException("A QR code is in this image but it cannot be read: it is damaged, blurred or cut off."
                    + " Try a sharper picture of the whole code.");
        }
        throw new QrCodeException("No QR code was found in this image.");
    }

    private static QrCodeException notAnImage(Path file) {
        return new QrCodeException("The file " + file.getFileName() + " is not an image HealthWallet can read"
                + " (PNG, JPEG, GIF or BMP).");
    }
}
