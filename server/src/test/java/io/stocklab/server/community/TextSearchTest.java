package io.stocklab.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Query words and the SQL conditions built from them: user input never reaches the SQL as syntax. */
class TextSearchTest {

    @Test
    void wordsAreRunsOfLettersAndDigitsInAnyScript() {
        assertThat(TextSearch.terms("모멘텀전략, Low-VOL! it's 2024 & b:* 모멘텀전략"))
                .containsExactly("모멘텀전략", "low", "vol", "it", "s", "2024", "b");
        assertThat(TextSearch.terms("'; DROP TABLE x; --")).containsExactly("drop", "table", "x");
        assertThat(TextSearch.terms("%_\\'\" ()!|&:*<->")).isEmpty();
        assertThat(TextSearch.terms("a b c d e f g h i j k")).hasSize(TextSearch.MAX_TERMS);
    }

    @Test
    void fullTextQueryIsAPrefixConjunctionOfPlainWords() {
        TextSearch.Condition c = new TextSearch.FullText().condition("모멘텀 O'Neil & value:*");
        assertThat(c.sql()).isEqualTo("search_vector @@ to_tsquery('simple', '모멘텀:* & o:* & neil:* & value:*')");
        assertThat(c.params()).isEmpty();
        assertThat(new TextSearch.FullText().condition("'--").sql()).isEqualTo("1 = 0");
    }

    @Test
    void likeConditionBindsEveryWordAsAParameter() {
        TextSearch.Condition c = new TextSearch.Like().condition("Momentum 100%");
        assertThat(c.sql()).isEqualTo("((LOWER(title) LIKE :t0 OR LOWER(content) LIKE :t0) AND"
                + " (LOWER(title) LIKE :t1 OR LOWER(content) LIKE :t1))");
        assertThat(c.params()).containsEntry("t0", "%momentum%").containsEntry("t1", "%100%");
    }
}
