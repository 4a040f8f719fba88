package org.healthwallet.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The /view answers: the page and its files with the headers that keep a link's key in the browser
 * (a strict Content-Security-Policy, no referrer), and nothing else under /view. The page itself is
 * driven in Chromium by the end-to-end ViewPageBrowserTest.
 */
class ViewPageTest {
    private final ViewPage view = ViewPage.fromResources();

    @Test
    void servesThePageAndItsFilesWithAStrictPolicy() {
        for (String[] file : new String[][] {{"/view", "text/html; charset=utf-8"}, {"/view/viewer.js", "text/javascript; charset=utf-8"},
                {"/view/shl.js", "text/javascript; charset=utf-8"}, {"/view/records.js", "text/javascript; charset=utf-8"},
                {"/view/viewer.css", "text/css; charset=utf-8"}, {"/view/icon.svg", "image/svg+xml"}}) {
            Reply reply = view.answer("GET", file[0]);
            assertThat(reply.status()).as(file[0]).isEqualTo(200);
            assertThat(reply.contentType()).as(file[0]).isEqualTo(file[1]);
            assertThat(reply.body()).as(file[0]).isNotEmpty();
            assertThat(reply.headers()).as(file[0])
                    .containsEntry("Referrer-Policy", "no-referrer")
                    .containsEntry("X-Frame-Options", "DENY")
                    .containsEntry("Content-Security-Policy", ViewPage.CONTENT_SECURITY_POLICY);
        }
        String policy = ViewPage.CONTENT_SECURITY_POLICY;
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'",
                "require-trusted-types-for 'script'").doesNotContain("unsafe", "*", "data:", "http");
    }

    @Test
    void thePageHasNoInlineScriptAndTheScriptBuildsNoHtmlFromText() {
        String html = text("/view");
        Matcher scripts = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).contains("type=\"module\"", "src=\"/view/viewer.js\"");
            assertThat(scripts.group(2)).isBlank();
        }
        assertThat(count).isEqualTo(1);
        assertThat(html).doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContain("javascript:").doesNotContain("style=");
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");

        String script = text("/view/viewer.js") + text("/view/shl.js") + text("/view/records.js");
        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "localStorage", "sessionStorage", "indexedDB", "console.log");
        assertThat(script).contains("from '/view/shl.js'", "from '/view/records.js'", "crypto.subtle.decrypt", "DecompressionStream('deflate-raw')", "textContent");
    }

    @Test
    void answersOnlyGetAndOnlyItsOwnFiles() {
        assertThat(view.answer("POST", "/view").status()).isEqualTo(405);
        assertThat(view.answer("POST", "/view").headers()).containsEntry("Allow", "GET");
        assertThat(view.answer("GET", "/view/").status()).isEqualTo(404);
        assertThat(view.answer("GET", "/view/index.html").status()).isEqualTo(404);
        assertThat(view.answer("GET", "/view/viewer.js/x").status()).isEqualTo(404);
        assertThat(view.answer("GET", "/view/ViewPage.class").status()).isEqualTo(404);
        assertThat(ViewPage.serves("/view")).isTrue();
        assertThat(ViewPage.serves("/view/viewer.js")).isTrue();
        assertThat(ViewPage.serves("/viewer")).isFalse();
        assertThat(ViewPage.serves("/shl/x")).isFalse();
    }

    private String text(String path) {
        return new String(view.answer("GET", path).body(), StandardCharsets.UTF_8);
    }
}
