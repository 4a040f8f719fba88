package org.healthwallet.core.share;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A printable page for a share: the QR code (as a PNG data URI, so the page is one self-contained
 * file), the label, when it expires in words, and what the doctor should do. The passcode is never
 * on it: the patient tells it separately.
 */
public final class SharePage {
    public static final String DEFAULT_INSTRUCTIONS = "Scan this code with a phone camera or any SMART Health Links"
            + " viewer (or open it in HealthWallet's viewer) to read the records the patient shared with you."
            + " If a passcode is asked for, the patient will tell it to you. Each opening is recorded in the"
            + " patient's access log.";
    static final int QR_SIZE_PX = 600;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm (zzz)", Locale.ENGLISH);

    private SharePage() {}

    /** The page with the link's {@code shlink:/…} form in the QR code. */
    public static String html(ShareLink link, String label, Optional<Instant> expiry, String instructions, ZoneId zone,
                              Instant now) throws QrCodeException {
        return html(link.toShlinkUri(), label, expiry, instructions, zone, now);
    }

    /**
     * The page with any text in the QR code (the viewer URL, which a phone camera opens in a browser).
     *
     * @param zone the patient's time zone, for the expiry
     * @param now to say how long is left
     */
    public static String html(String qrText, String label, Optional<Instant> expiry, String instructions, ZoneId zone,
                              Instant now) throws QrCodeException {
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        String png = Base64.getEncoder().encodeToString(QrCode.encode(qrText, QR_SIZE_PX));
        String title = label == null || label.isBlank() ? "Shared health records" : label.strip();
        String words = instructions == null || instructions.isBlank() ? DEFAULT_INSTRUCTIONS : instructions.strip();
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>" + esc(title) + "</title><style>"
                + "@page{size:auto;margin:18mm}body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#111;"
                + "max-width:720px;margin:0 auto;text-align:center}h1{font-size:26px;margin:8px 0 4px}"
                + ".qr{width:90mm;height:90mm;image-rendering:pixelated;margin:12px auto;display:block}"
                + ".expiry{font-size:18px;font-weight:600;margin:8px 0}.howto{font-size:15px;line-height:1.5;text-align:left;"
                + "border-top:1px solid #999;padding-top:12px;margin-top:16px}.small{color:#555;font-size:12px}"
                + "</style></head><body>"
                + "<p class=\"small\">HealthWallet · SMART Health Link</p>"
                + "<h1>" + esc(title) + "</h1>"
                + "<img class=\"qr\" alt=\"QR code of the link to the shared records\" src=\"data:image/png;base64," + png + "\">"
                + "<p class=\"expiry\">" + esc(expiryInWords(expiry, zone, now)) + "</p>"
                + "<p class=\"howto\">" + esc(words) + "</p>"
                + "</body></html>\n";
    }

    /** "Expires Monday 30 November 2026 at 14:05 (CET), in 2 days." and the like. */
    static String expiryInWords(Optional<Instant> expiry, ZoneId zone, Instant now) {
        if (expiry.isEmpty()) {
            return "This link has no expiry date; the patient can revoke it at any time.";
        }
        Instant at = expiry.get();
        String when = WHEN.format(at.atZone(zone));
        if (!at.isAfter(now)) {
            return "Expired on " + when + ".";
        }
        return "Expires " + when + ", " + in(Duration.between(now, at)) + ".";
    }

    private static String in(Duration left) {
        long minutes = (left.getSeconds() + 59) / 60;
        if (minutes < 60) {
            return "in " + plural(minutes, "minute");
        }
        long hours = minutes / 60;
        if (hours < 48) {
            long rest = minutes % 60;
            return "in " + plural(hours, "hour") + (hours < 10 && rest > 0 ? " " + plural(rest, "minute") : "");
        }
        return "in " + plural(hours / 24, "day");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String esc(String text) {
        return SectionNarrative.escape(text);
    }
}
