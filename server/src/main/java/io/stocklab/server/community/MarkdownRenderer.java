package io.stocklab.server.community;

import java.util.regex.Pattern;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;

/**
 * Markdown (CommonMark) to HTML that is safe to insert into a page, in two independent layers:
 * <ol>
 *   <li>commonmark renders with raw HTML escaped (so {@code <script>} typed in a post is shown as text) and its own
 *   URL sanitizing on;</li>
 *   <li>the output then goes through an allow-list sanitizer (OWASP java-html-sanitizer): only formatting elements,
 *   links with {@code http}, {@code https} or {@code mailto} URLs (given {@code rel="nofollow noopener"}), code
 *   blocks with a {@code language-*} class; no attributes other than those, so no event handlers, styles, images,
 *   SVG, iframes or forms ever survive, whatever the first layer let through.</li>
 * </ol>
 * Images are dropped (the page's CSP only loads images from the site itself).
 */
@Component
class MarkdownRenderer {
    private static final Pattern LANGUAGE_CLASS = Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}");
    private static final Pattern START = Pattern.compile("[0-9]{1,9}");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "del", "s",
                    "code", "pre", "blockquote", "ul", "ol", "li", "a")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href", "title").onElements("a")
            .requireRelsOnLinks("nofollow", "noopener")
            .allowAttributes("class").matching(LANGUAGE_CLASS).onElements("code")
            .allowAttributes("start").matching(START).onElements("ol")
            .toFactory();

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private final TextContentRenderer text = TextContentRenderer.builder().build();

    /** A Markdown text rendered: the safe HTML and a plain-text excerpt. */
    record Rendered(String html, String excerpt) {
    }

    Rendered render(String markdown, int excerptLength) {
        Node doc = parser.parse(markdown == null ? "" : markdown);
        String safe = POLICY.sanitize(html.render(doc));
        String plain = text.render(doc).replaceAll("\\s+", " ").strip();
        if (plain.length() > excerptLength) {
            plain = plain.substring(0, excerptLength - 1).stripTrailing() + "…";
        }
        return new Rendered(safe, plain);
    }

    String toSafeHtml(String markdown) {
        return render(markdown, 1).html();
    }

    /** Sanitizes already rendered HTML with the same allow-list (for tests of the second layer on its own). */
    static String sanitize(String html) {
        return POLICY.sanitize(html);
    }
}
