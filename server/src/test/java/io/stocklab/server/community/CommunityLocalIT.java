package io.stocklab.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.LocalIntegrationTest;
import org.junit.jupiter.api.Test;

/** The community on the local profile (H2): search is a case-insensitive substring match of every word. */
@LocalIntegrationTest
class CommunityLocalIT extends CommunityScenarios {

    @Test
    void searchMatchesEveryWordInTitleOrContentIgnoringCase() {
        String alice = newUser();
        String tag = unique("lk");
        String a = post(alice, "STRATEGY", "Momentum 전략 " + tag, "Buy winners").path("id").asString();
        String b = post(alice, "FREE", "Value " + tag, "저평가 가치주 and MOMENTUM too").path("id").asString();
        post(alice, "QNA", "Unrelated", "nothing " + tag.substring(0, 5));
        assertThat(allPages("q=" + tag, null, 50)).containsExactly(b, a);
        assertThat(allPages("q=momentum%20" + tag, null, 50)).containsExactly(b, a);
        assertThat(allPages("q=" + tag + "%20%EA%B0%80%EC%B9%98", null, 50)).containsExactly(b); // 가치
        assertThat(allPages("q=" + tag + "%20%EC%A0%84%EB%9E%B5", null, 50)).containsExactly(a); // 전략
        assertThat(allPages("q=" + tag + "%20winners", null, 50)).containsExactly(a);
        assertThat(allPages("q=" + tag + "%20absent", null, 50)).isEmpty();
        // LIKE wildcards typed by the user are no wildcards: a query of punctuation only finds nothing
        assertThat(allPages("q=%25%25", null, 50)).isEmpty();
        assertThat(allPages("q=_", null, 50)).isEmpty();
    }
}
