package org.healthwallet.node.relay;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The relay's web viewer at {@code /view}: a static page and its scripts, which read a SMART Health
 * Link from the address's fragment ({@code /view#shlink:/…}, the form a phone camera opens),
 * request the manifest from this relay like any viewer, and decrypt and show the records in the
 * browser (WebCrypto). The fragment never reaches the server, so the relay serves the same bytes to
 * everyone and never sees a key or a record in clear.
 *
 * <p>The answers carry a strict Content-Security-Policy: scripts, styles and connections only from
 * this relay, no inline script, no HTML built from strings (Trusted Types), no framing, no referrer.
 */
final class ViewPage {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            + "require-trusted-types-for 'script'; trusted-types 'none'";
    private static final String RESOURCES = "view/";

    /** What a path under /view serves: a file of the page, with its content type. */
    private record Asset(String contentType, byte[] body) {}

    private final Map<String, Asset> assets;

    private ViewPage(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /** Loads the page from the module's resources ({@code org/healthwallet/node/relay/view/}). */
    static ViewPage fromResources() {
        return new ViewPage(Map.of(
                "/view", new Asset("text/html; charset=utf-8", resource("index.html")),
                "/view/viewer.js", new Asset("text/javascript; charset=utf-8", resource("viewer.js")),
                "/view/shl.js", new Asset("text/javascript; charset=utf-8", resource("shl.js")),
                "/view/records.js", new Asset("text/javascript; charset=utf-8", resource("records.js")),
                "/view/viewer.css", new Asset("text/css; charset=utf-8", resource("viewer.css")),
                "/view/icon.svg", new Asset("image/svg+xml", resource("icon.svg"))));
    }

    private static byte[] resource(String name) {
        try (InputStream in = ViewPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("The relay's viewer file " + name + " is missing from its jar.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("The relay's viewer file " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether {@code path} belongs to the viewer (then {@link #answer} decides). */
    static boolean serves(String path) {
        return path.equals("/view") || path.startsWith("/view/");
    }

    /** The answer for a request under /view (the query string, if any, is ignored). */
    Reply answer(String method, String path) {
        Asset asset = assets.get(path);
        if (asset == null) {
            return Reply.error(404, "The viewer has no such file.");
        }
        if (!method.equals("GET")) {
            return Reply.error(405, "This address does not answer that method.").with("Allow", "GET");
        }
        return new Reply(200, asset.contentType(), asset.body(), Map.of(
                "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                "Referrer-Policy", "no-referrer",
                "X-Frame-Options", "DENY",
                "Cross-Origin-Opener-Policy", "same-origin",
                "Cache-Control", "no-cache"));
    }
}
