package io.stocklab.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.ProdIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The community on the prod profile (PostgreSQL, Redis): every scenario, plus full-text search on the generated
 * tsvector column ('simple' configuration, prefix matching).
 */
@ProdIntegrationTest
class CommunityProdIT extends CommunityScenarios {

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void fullTextSearchFindsWordsAndWordPrefixesInTitleAndContent() {
        String alice = newUser();
        String bob = newUser();
        String admin = adminToken();
        String tag = unique("ft");
        String korean = post(alice, "STRATEGY", "모멘텀전략은 " + tag, "저평가 가치주를 사고 volatility 낮은 종목").path("id")
                .asString();
        String english = post(alice, "FREE", "Low volatility " + tag, "Buying **winners**, selling losers.")
                .path("id").asString();
        String other = post(bob, "QNA", "Question " + tag, "What is a Sharpe ratio?").path("id").asString();

        assertThat(allPages("q=" + tag, null, 50)).containsExactly(other, english, korean);
        // a Korean word matches as a prefix of the word with its particle
        assertThat(allPages("q=" + q("모멘텀 " + tag), null, 50)).containsExactly(korean);
        assertThat(allPages("q=" + q("가치주 " + tag), null, 50)).containsExactly(korean);
        // case-insensitive; prefixes; every word must match; content and title
        assertThat(allPages("q=" + q("VOLATIL " + tag), null, 50)).containsExactly(english, korean);
        assertThat(allPages("q=" + q("winner " + tag), null, 50)).containsExactly(english);
        // word prefixes, not substrings inside words: this is the full-text index, not LIKE
        assertThat(allPages("q=" + q("olatility " + tag), null, 50)).isEmpty();
        assertThat(allPages("q=" + q("멘텀 " + tag), null, 50)).isEmpty();
        assertThat(allPages("q=" + q("sharpe ratio " + tag), null, 50)).containsExactly(other);
        assertThat(allPages("q=" + q("sharpe winners " + tag), null, 50)).isEmpty();
        // filters and sorts combine with the search
        assertThat(allPages("category=FREE&q=" + tag, null, 50)).containsExactly(english);
        assertThat(allPages("author=" + me(bob) + "&q=" + tag, null, 50)).containsExactly(other);
        assertThat(allPages("sort=likes&q=" + tag, null, 1)).containsExactly(other, english, korean);
        // tsquery operators typed by the user are plain text, never a syntax error
        for (String odd : new String[] {"a & | ! ( ) :* <->", "'", "\\", "%_", "!!!"}) {
            Response r = api.get("/api/v1/community/posts?q=" + q(odd + " " + tag), null);
            assertThat(r.status()).as(odd + " " + r).isEqualTo(200);
        }
        assertThat(allPages("q=" + q(":*&|"), null, 50)).isEmpty();
        // edits are searchable at once (generated column); hidden posts are not found by others
        put("/api/v1/community/posts/" + other, io.stocklab.server.support.Api.body("category", "QNA", "title",
                "Question " + tag, "content", "What is a Sortino ratio?"), bob);
        assertThat(allPages("q=" + q("sortino " + tag), null, 50)).containsExactly(other);
        assertThat(allPages("q=" + q("sharpe " + tag), null, 50)).isEmpty();
        api.post("/api/v1/community/admin/posts/" + english + "/hide", null, admin);
        assertThat(allPages("q=" + q("volatility " + tag), null, 50)).containsExactly(korean);
        assertThat(allPages("q=" + q("volatility " + tag), bob, 50)).containsExactly(korean);
        assertThat(allPages("q=" + q("volatility " + tag), alice, 50)).containsExactly(english, korean);
    }
}
