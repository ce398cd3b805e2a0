package io.stocklab.engine.expr;

import io.stocklab.engine.factor.FactorLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ExpressionErrorTest {
    private static final FactorLibrary LIB = TestData.library();

    private static ExpressionException error(String text) {
        return catchThrowableOfType(ExpressionException.class, () -> Expression.parse(text, LIB));
    }

    @Test
    void unknownIdentifierMatchesTheSpecExactly() {
        ExpressionException e = error("pre > 1");
        assertThat(e).hasMessage("unknown identifier 'pre' at 1:1 — did you mean 'per'?");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).isEqualTo("unknown identifier 'pre' — did you mean 'per'?");
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void andWithANumberMatchesTheBriefExactly() {
        assertThat(error("per and roe > 1")).hasMessage("'and' needs true/false on both sides, got a number at 1:5");
        assertThat(error("per > 1 && roe")).hasMessage("'&&' needs true/false on both sides, got a number at 1:9");
        assertThat(error("per > 1 or 2")).hasMessage("'or' needs true/false on both sides, got a number at 1:9");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
            // names
            "xyzzy > 1                 # unknown identifier 'xyzzy' at 1:1",
            "per > 0 and rsi14 < 30    # unknown identifier 'rsi14' at 1:13 — did you mean 'rsi_14'?",
            "clse > 1                  # unknown identifier 'clse' at 1:1 — did you mean 'close'?",
            "smaa(close, 5) > 1        # unknown function 'smaa' at 1:1 — did you mean 'sma'?",
            "frobnicate(close)         # unknown function 'frobnicate' at 1:1",
            "per(5) > 1                # 'per' is not a function at 1:1",
            "sma > 1                   # 'sma' is a function at 1:1 — write sma(x, n)",
            // types
            "1 + true                  # '+' needs numbers on both sides, got true/false at 1:3",
            "per > 1 > 0               # '>' needs numbers on both sides, got true/false at 1:9 — comparisons do not chain: write a > b and b > c",
            "per == true               # '==' needs two numbers or two true/false values, got a number and true/false at 1:5",
            "per > 1 != 2              # '!=' needs two numbers or two true/false values, got true/false and a number at 1:9",
            "not per                   # 'not' needs true/false, got a number at 1:1",
            "not per > 5               # 'not' needs true/false, got a number at 1:1 — 'not' applies before '>': write not (… > …)",
            "!per                      # '!' needs true/false, got a number at 1:1",
            "-(per > 1)                # '-' needs a number, got true/false at 1:1",
            // function arguments
            "sma(close) > 1            # sma(x, n) takes 2 arguments, got 1 at 1:1",
            "rank() > 0.5              # rank(x) takes 1 argument, got 0 at 1:1",
            "between(per, 1)           # between(x, lo, hi) takes 3 arguments, got 2 at 1:1",
            "sma(close > 1, 5)         # sma(x, n) needs a number for x, got true/false at 1:5",
            "cross_above(close, per>1) # cross_above(a, b) needs a number for b, got true/false at 1:20",
            "abs(true)                 # abs(x) needs a number for x, got true/false at 1:5",
            "sma(close, 2.5)           # sma(x, n) needs n to be a whole number from 1 to 10000, got 2.5 at 1:12",
            "sma(close, 0)             # sma(x, n) needs n to be a whole number from 1 to 10000, got 0 at 1:12",
            "lag(close, -1)            # lag(x, n) needs n to be a whole number from 0 to 10000, got -1 at 1:12",
            "ema(close, 20000)         # ema(x, n) needs n to be a whole number from 1 to 10000, got 20000 at 1:12",
            "sma(close, volume)        # sma(x, n) needs n to be a whole number from 1 to 10000 written as a literal, e.g. sma(x, 20) at 1:12",
            "sma(close, 2 + 3)         # sma(x, n) needs n to be a whole number from 1 to 10000 written as a literal, e.g. sma(x, 20) at 1:12",
            // syntax
            "(per > 1                  # unclosed '(' at 1:1 — expected ')' before the end of the expression",
            "((per > 1) and roe > 2    # unclosed '(' at 1:1 — expected ')' before the end of the expression",
            "(per > 1 roe              # unexpected 'roe' at 1:10 — expected ')' to close the '(' at 1:1",
            "sma(close, 5              # unclosed '(' of sma(…) at 1:4 — expected ')' before the end of the expression",
            "sma(close 5)              # unexpected '5' at 1:11 — expected ',' or ')' in sma(x, n)",
            "per > 1)                  # unexpected ')' at 1:8 — there is no '(' to close",
            "per roe                   # unexpected 'roe' at 1:5 — expected an operator or the end of the expression",
            "per >                     # unexpected end of expression at 1:6 — expected a value after '>'",
            "per > * 2                 # unexpected '*' at 1:7 — expected a value after '>'",
            "()                        # unexpected ')' at 1:2 — expected a value after '('",
            "per = 5                   # unexpected '=' at 1:5 — did you mean '=='?",
            "per => 5                  # unexpected '=>' at 1:5 — did you mean '>='?",
            "per <> 5                  # unexpected '<>' at 1:5 — did you mean '!='?",
            "per > 1 & roe > 1         # unexpected '&' at 1:9 — did you mean '&&' (or 'and')?",
            "per > 1 | roe > 1         # unexpected '|' at 1:9 — did you mean '||' (or 'or')?",
            "per ≥ 5                   # unexpected character '≥' at 1:5 — did you mean '>='?",
            "per > $5                  # unexpected character '$' at 1:7",
            "per > 1.5e                # malformed number '1.5e' at 1:7",
            "momentum > 20             # unknown identifier 'momentum' at 1:1",
            "mom > 20                  # unknown identifier 'mom' at 1:1 — did you mean 'low' or 'roe'?",
            "per > 20d                 # malformed number '20d' at 1:7",
            "per > 1e999               # number '1e999' is too large at 1:7",
    })
    void messages(String text, String message) {
        assertThat(error(text.strip())).hasMessage(message.strip());
    }

    @Test
    void emptyExpression() {
        assertThat(error("")).hasMessage("empty expression at 1:1");
        assertThat(error("   \n  ")).hasMessage("empty expression at 1:1");
    }

    @Test
    void positionsCountLinesAndColumns() {
        ExpressionException e = error("per > 0\nand  roee > 15");
        assertThat(e).hasMessage("unknown identifier 'roee' at 2:6 — did you mean 'roe'?");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(6);
        assertThat(e.offset()).isEqualTo(13);
        assertThat(e.reason()).isEqualTo("unknown identifier 'roee' — did you mean 'roe'?");
    }

    @Test
    void theFirstProblemFromTheLeftIsReported() {
        assertThat(error("pre > 1 and roee > 2")).hasMessageStartingWith("unknown identifier 'pre' at 1:1");
    }

    @Test
    void suggestionsAreTheNearestNamesUpToThree() {
        FactorLibrary lib = new FactorLibrary(List.of(
                new TestData.TestFactor("mom_20d", (a, d) -> 0), new TestData.TestFactor("mom_60d", (a, d) -> 0),
                new TestData.TestFactor("mom_90d", (a, d) -> 0), new TestData.TestFactor("mom_10d", (a, d) -> 0),
                new TestData.TestFactor("per", (a, d) -> 0), new TestData.TestFactor("pbr", (a, d) -> 0),
                new TestData.TestFactor("roe", (a, d) -> 0)));
        // all four at distance 1: alphabetically, the first three
        assertThatThrownBy(() -> Expression.parse("mom_0d > 1", lib))
                .hasMessage("unknown identifier 'mom_0d' at 1:1 — did you mean 'mom_10d', 'mom_20d' or 'mom_60d'?");
        // 'per' at distance 1 (a swap) beats 'pbr' and 'roe' at distance 2
        assertThatThrownBy(() -> Expression.parse("pre > 1", lib))
                .hasMessage("unknown identifier 'pre' at 1:1 — did you mean 'per'?");
        // two at distance 2, none nearer
        assertThatThrownBy(() -> Expression.parse("pxx > 1", lib))
                .hasMessage("unknown identifier 'pxx' at 1:1 — did you mean 'pbr' or 'per'?");
        // names are case-insensitive, the message quotes what was written
        assertThatThrownBy(() -> Expression.parse("PRE > 1", lib))
                .hasMessage("unknown identifier 'PRE' at 1:1 — did you mean 'per'?");
    }

    @Test
    void editDistanceCountsSwapsAsOneEdit() {
        assertThat(Suggestions.distance("pre", "per")).isEqualTo(1);
        assertThat(Suggestions.distance("roe", "roe")).isZero();
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("rsi14", "rsi_14")).isEqualTo(1);
    }
}
