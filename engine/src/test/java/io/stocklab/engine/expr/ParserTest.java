package io.stocklab.engine.expr;

import io.stocklab.engine.Cancellation;
import io.stocklab.engine.data.MarketPanel;
import io.stocklab.engine.factor.FactorLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParserTest {
    private static final FactorLibrary LIB = TestData.library();
    private static final MarketPanel PANEL = TestData.panel();

    private static double eval(String text) {
        return Expression.parse(text, LIB).bind(PANEL, LIB, null, Cancellation.NEVER).value(0, 0);
    }

    private static String canonical(String text) {
        return Expression.parse(text, LIB).canonical();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
            "2 + 3 * 4; 14",          // * before +
            "(2 + 3) * 4; 20",
            "10 - 4 - 3; 3",          // left associative, not 10 - (4 - 3) = 9
            "16 / 4 / 2; 2",          // left associative, not 16 / (4 / 2) = 8
            "2 * 3 / 4; 1.5",
            "-2 - 3; -5",             // unary minus binds tighter than binary minus: (-2) - 3, not -(2 - 3) = 1
            "-2 * -3; 6",
            "- -4; 4",
            "10 - -4; 14",
            "1.5e1 + .5; 15.5",
            "2e-1 * 10; 2",
    })
    void arithmeticPrecedenceAndAssociativity(String text, double expected) {
        assertThat(eval(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = ';', value = {
            "not false and false; false",     // (not false) and false; 'not' binds tightest
            "! false && false; false",
            "true or false and false; true",  // 'and' before 'or': true or (false and false)
            "true || false && false; true",
            "(true or false) and false; false",
            "false and true or true; true",   // (false and true) or true
            "1 + 2 < 4; true",                // arithmetic before comparison: (1 + 2) < 4
            "1 + 2 > 4 - 2; true",
            "2 * 3 == 6 and 1 != 2; true",
            "1 < 2 == true; true",            // (1 < 2) == true
            "false == false == true; true",   // ((false == false) == true)
            "not not true; true",
            "2 <= 2 and 2 >= 2 and not (2 < 2) and not (2 > 2); true",
            "1 < 2 and 3 > 4 or 5 == 5; true",
            "TRUE AND NOT FALSE; true",
    })
    void logicalPrecedence(String text, boolean expected) {
        Expression e = Expression.parse(text, LIB);
        assertThat(e.type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(eval(text)).isEqualTo(expected ? 1.0 : 0.0);
    }

    @Test
    void typesAreInferred() {
        assertThat(Expression.parse("per * 2", LIB).type()).isEqualTo(ValueType.NUMBER);
        assertThat(Expression.parse("per > 2", LIB).type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(Expression.parse("cross_above(close, sma(close, 2))", LIB).type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(Expression.parse("between(per, 1, 2)", LIB).type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(Expression.parse("is_missing(per)", LIB).type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(Expression.parse("rank(per)", LIB).type()).isEqualTo(ValueType.NUMBER);
        assertThat(Expression.parse("true", LIB).type()).isEqualTo(ValueType.BOOLEAN);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "per>0&&per<10||!(roe>15); per > 0 and per < 10 or not (roe > 15)",
            "  per   >   0  ; per > 0",
            "((per)) > (0); per > 0",
            "(per + roe) * 2; (per + roe) * 2",
            "per + (roe * 2); per + roe * 2",
            "(per - roe) - 1; per - roe - 1",
            "per - (roe - 1); per - (roe - 1)",
            "per / (roe / 2); per / (roe / 2)",
            "(per > 1) == (roe > 2); (per > 1) == (roe > 2)",
            "1.5e9; 1500000000",
            "0.50; 0.5",
            "1e-7; 1.0e-7",
            "SMA(Close,20) > EMA( close , 5 ); sma(close, 20) > ema(close, 5)",
            "- -per; -(-per)",
            "-(per); -per",
            "-(per * 2); -(per * 2)",
            "not (per > 1 and roe > 2); not (per > 1 and roe > 2)",
            "per > 1 AND roe > 2 OR true; per > 1 and roe > 2 or true",
            "true and (false or true); true and (false or true)",
            "between(per,1,  2) ; between(per, 1, 2)",
            "rank(-per) ; rank(-per)",
    })
    void canonicalForm(String text, String expected) {
        assertThat(canonical(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "per>0&&per<10||!(roe>15)",
            "(per - roe) - (1 - -2) * -(3 / (4 * roe))",
            "not not (per > 1) == (roe <= 2 != false)",
            "sma(ema(close - open, 3), 2) / lag(close, 0) > 1e20",
            "cross_above(close, sma(close, 2)) or cross_below(close, 1.25e-3)",
            "zscore(rank(per) + rank(roe)) >= -0.5 or is_missing(per) and between(roe, -1, 1)",
            "min(max(per, 1), abs(log(sqrt(roe)))) * volume",
    })
    void canonicalIsAFixedPointAndParsesToTheSameValues(String text) {
        String c1 = canonical(text);
        String c2 = canonical(c1);
        assertThat(c2).isEqualTo(c1);
        double[] original = Expression.parse(text, LIB).bind(PANEL, LIB, null, null).materialize();
        double[] reparsed = Expression.parse(c1, LIB).bind(PANEL, LIB, null, null).materialize();
        assertThat(reparsed).containsExactly(original);
    }

    @Test
    void canonicalIgnoresSpellingDifferences() {
        Expression a = Expression.parse("per < 10 && !(roe<=5)", LIB);
        Expression b = Expression.parse("(PER<10) and not(roe <= 5.0)", LIB);
        assertThat(a.canonical()).isEqualTo("per < 10 and not (roe <= 5)");
        assertThat(b.canonical()).isEqualTo(a.canonical());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.text()).isEqualTo("per < 10 && !(roe<=5)");
        assertThat(a).isNotEqualTo(Expression.parse("per < 10 and roe > 5", LIB));
    }

    @Test
    void factorIdsAndFieldsAreSortedAndDeduplicated() {
        Expression e = Expression.parse("roe > 1 and rsi_14 < 30 and per > sma(close, 2) and per < high", LIB);
        assertThat(e.factorIds()).containsExactly("per", "roe", "rsi_14");
        assertThat(e.fields()).containsExactly("close", "high");
        assertThat(Expression.parse("close > open", LIB).factorIds()).isEmpty();
        assertThat(e.crossSectional()).isFalse();
        assertThat(Expression.parse("rank(per) > 0.5", LIB).crossSectional()).isTrue();
    }

    @Test
    void expressionsMaySpanLines() {
        Expression e = Expression.parse("per > 0\n  and roe > 15\n", LIB);
        assertThat(e.canonical()).isEqualTo("per > 0 and roe > 15");
    }

    @Test
    void expectedTypeIsChecked() {
        assertThat(Expression.parse("per > 1", LIB, ValueType.BOOLEAN).type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(Expression.parse("per", LIB, ValueType.NUMBER).type()).isEqualTo(ValueType.NUMBER);
        assertThatThrownBy(() -> Expression.parse("per * 2", LIB, ValueType.BOOLEAN))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("expected a condition (true/false), got a number at 1:1 — compare it, e.g. per * 2 > 0");
        assertThatThrownBy(() -> Expression.parse("per > 2", LIB, ValueType.NUMBER))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("expected a number, got a condition (true/false) at 1:1");
    }
}
