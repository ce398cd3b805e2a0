package io.stocklab.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Markdown to safe HTML: formatting survives, script injection in any form does not. */
class MarkdownRendererTest {
    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String html(String markdown) {
        return renderer.toSafeHtml(markdown);
    }

    /** No executable HTML: no script/svg/iframe/object/style element, no event handler, no script or data URL. */
    private static void assertInert(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script", "<svg", "<iframe", "<object", "<embed", "<style", "<img",
                "<math", "<form", "<input", "<link", "<meta", "<base");
        assertThat(lower).doesNotContainPattern("<[^>]*\\son[a-z]+\\s*=");
        assertThat(lower).doesNotContainPattern("(href|src)\\s*=\\s*\"?\\s*(javascript|vbscript|data):");
        assertThat(lower).doesNotContain("style=");
    }

    @Test
    void ordinaryMarkdownKeepsItsFormatting() {
        String out = html("# Momentum\n\n**Buy** the *winners*, `sell` the losers.\n\n- one\n- two\n\n"
                + "> quoted\n\n```java\nint x = 1 < 2 ? 1 : 0;\n```\n\n3. third\n4. fourth\n");
        assertThat(out).contains("<h1>Momentum</h1>", "<strong>Buy</strong>", "<em>winners</em>",
                "<code>sell</code>", "<li>one</li>", "<blockquote>", "<code class=\"language-java\">",
                "int x &#61; 1 &lt; 2", "<ol start=\"3\">");
        assertInert(out);
    }

    @Test
    void linksGetNofollowNoopenerAndKeepSafeUrls() {
        String out = html("[KRX](https://data.krx.co.kr/page?a=1&b=2) and <https://example.com/x>");
        assertThat(out).contains("href=\"https://data.krx.co.kr/page?a&#61;1&amp;b&#61;2\"",
                "href=\"https://example.com/x\"");
        assertThat(out).containsPattern("rel=\"(nofollow noopener|noopener nofollow)\"");
        assertThat(out.split("<a ", -1)).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)><circle r=1/></svg>",
            "<svg><script>alert(1)</script></svg>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<<script>script>alert(1)<</script>/script>",
            "<body onload=alert(1)>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
            "<details open ontoggle=alert(1)>",
            "<p title=\"</p><script>alert(1)</script>\">x</p>",
    })
    void rawHtmlIsShownAsTextNeverExecuted(String attack) {
        String out = html("Look: " + attack + "\n\n" + attack);
        assertInert(out);
        // the typed characters are still visible to readers, escaped
        assertThat(out).contains("&lt;");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](javascript&#58;alert(1))",
            "[click](&#106;avascript:alert(1))",
            "[click](java%0ascript:alert(1))",
            "[click](vbscript:msgbox(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[click](  javascript:alert(1))",
            "[click][ref]\n\n[ref]: javascript:alert(1)",
            "<javascript:alert(1)>",
            "![x](javascript:alert(1))",
            "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "[click](\"onmouseover=alert(1))",
            "[x](https://ok.example \"title\\\" onmouseover=\\\"alert(1)\")",
    })
    void dangerousUrlsAndAttributesAreRemoved(String attack) {
        String out = html(attack);
        assertInert(out);
        assertThat(out.toLowerCase(Locale.ROOT)).doesNotContain("href=\"javascript", "href=\"data",
                "href=\"vbscript", "src=");
    }

    @Test
    void htmlEntitiesAreDecodedOnceAndEscapedAgain() {
        String out = html("&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt; &#60;img src=x onerror=alert(1)&#62;");
        assertInert(out);
        assertThat(out).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&amp;lt;b&amp;gt;");
    }

    @Test
    void theSanitizerAloneStripsWhatAnyRendererMightEmit() {
        String dirty = "<p onclick=\"x()\">a<script>alert(1)</script><a href=\"javascript:alert(1)\">b</a>"
                + "<a href=\"https://ok.example\" target=\"_blank\" onclick=\"x()\">c</a><img src=x onerror=y>"
                + "<svg><a xlink:href=\"javascript:alert(1)\">d</a></svg><code class=\"x onclick\">e</code></p>";
        String out = MarkdownRenderer.sanitize(dirty);
        assertInert(out);
        assertThat(out).containsPattern("<a href=\"https://ok.example\" rel=\"(nofollow noopener|noopener nofollow)\">c</a>");
        assertThat(out).contains("<code>e</code>");
        assertThat(out).doesNotContain("alert(1)</");
    }

    @Test
    void excerptIsPlainTextAndBounded() {
        MarkdownRenderer.Rendered r = renderer.render("# Title\n\n**bold** <b>tag</b> " + "word ".repeat(100), 50);
        assertThat(r.excerpt()).startsWith("Title bold <b>tag</b> word").endsWith("…").hasSizeLessThanOrEqualTo(50);
    }
}
