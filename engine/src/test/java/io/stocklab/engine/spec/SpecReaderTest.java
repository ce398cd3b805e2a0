package io.stocklab.engine.spec;

import io.stocklab.engine.factor.FactorLibrary;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading strategy specs: the defaults of strategy-spec §1 and every problem reported with its JSON path. */
class SpecReaderTest {
    private static final FactorLibrary LIBRARY = new FactorLibrary(List.of());

    private static StrategySpec read(String json) {
        return SpecReader.read(json, LIBRARY);
    }

    private static List<SpecProblem> problems(String json) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> read(json));
        assertThat(e).as("expected the spec to be rejected: " + json).isNotNull();
        assertThat(e.getMessage()).contains(e.problems().size() + " problem");
        return e.problems();
    }

    private static SpecProblem only(String json) {
        List<SpecProblem> p = problems(json);
        assertThat(p).hasSize(1);
        return p.get(0);
    }

    // ---- defaults ----------------------------------------------------------------------------------------------

    @Test
    void anEmptySpecTakesEveryDefault() {
        StrategySpec s = read("{}");
        assertThat(s.name()).isEqualTo("Untitled strategy");
        assertThat(s.dataset()).isNull();
        assertThat(s.universe()).isEqualTo(StrategySpec.Universe.ALL);
        assertThat(s.universe().filter()).isNull();
        assertThat(s.rebalance()).isEqualTo(Rebalance.MONTHLY);
        assertThat(s.buy().when()).isNull();
        assertThat(s.buy().rank()).isEmpty();
        assertThat(s.buy().maxPositions()).isEqualTo(20);
        assertThat(s.buy().sizing()).isEqualTo(new StrategySpec.Sizing(SizingMethod.EQUAL, false));
        assertThat(s.sell()).isEqualTo(new StrategySpec.Sell(null, null, null, null, null, StopMode.CLOSE, false));
        StrategySpec.Execution x = s.execution();
        assertThat(x.fill()).isEqualTo(Fill.NEXT_OPEN);
        assertThat(x.commissionPct()).isEqualTo(0.015);
        assertThat(x.sellTaxPct()).isEqualTo(0.18);
        assertThat(x.slippagePct()).isEqualTo(0.0);
        assertThat(x.fractionalShares()).isFalse();
        assertThat(x.marketRules()).isEqualTo(MarketRules.NONE);
        assertThat(s.period()).isEqualTo(StrategySpec.Period.ALL);
        assertThat(s.initialCapital()).isEqualTo(100_000_000);
        assertThat(s.benchmark()).isNull();
        assertThat(s.riskFreeRatePct()).isZero();
    }

    @Test
    void partlyGivenObjectsKeepTheDefaultsOfTheirOtherFields() {
        StrategySpec s = read("""
                {"buy": {"maxPositions": 5}, "sell": {"stopLossPct": 7.5},
                 "execution": {"fill": "close", "slippagePct": 0.1}, "period": {"start": "2020-01-01"}}""");
        assertThat(s.buy().maxPositions()).isEqualTo(5);
        assertThat(s.buy().sizing().rebalanceToTarget()).isFalse();
        assertThat(s.sell().stopLossPct()).isEqualTo(7.5);
        assertThat(s.sell().stopMode()).isEqualTo(StopMode.CLOSE);
        assertThat(s.sell().dropUnselected()).isFalse();
        assertThat(s.execution().fill()).isEqualTo(Fill.CLOSE);
        assertThat(s.execution().commissionPct()).isEqualTo(0.015);
        assertThat(s.execution().sellTaxPct()).isEqualTo(0.18);
        assertThat(s.execution().slippagePct()).isEqualTo(0.1);
        assertThat(s.period().start()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(s.period().end()).isNull();
    }

    @Test
    void theExampleOfTheSpecReadsBackWithEveryField() {
        StrategySpec s = read("""
                {
                  "name": "Momentum, weekly",
                  "dataset": "krx-demo",
                  "universe": { "symbols": null, "markets": ["KOSPI", "KOSDAQ"], "sectors": null,
                                "exclude": ["005930"], "filter": "volume > 0" },
                  "rebalance": "weekly",
                  "buy": {
                    "when": "close > sma(close, 20)",
                    "rank": [ { "by": "change(close, 20)", "order": "desc", "weight": 1 },
                              { "by": "volume", "order": "asc", "weight": 0.5 } ],
                    "maxPositions": 10,
                    "sizing": { "method": "equal", "rebalanceToTarget": true }
                  },
                  "sell": {
                    "when": "cross_below(close, sma(close, 50))",
                    "takeProfitPct": 30, "stopLossPct": 10, "trailingStopPct": 15,
                    "maxHoldDays": 120, "stopMode": "intraday", "dropUnselected": true
                  },
                  "execution": { "fill": "close", "commissionPct": 0.015, "sellTaxPct": 0.18,
                                 "slippagePct": 0.05, "fractionalShares": true, "marketRules": "krx" },
                  "period": { "start": "2015-01-01", "end": "2024-12-31" },
                  "initialCapital": 50000000,
                  "benchmark": "KOSPI",
                  "riskFreeRatePct": 3.5
                }""");
        assertThat(s.name()).isEqualTo("Momentum, weekly");
        assertThat(s.dataset()).isEqualTo("krx-demo");
        assertThat(s.universe().markets()).containsExactly("KOSPI", "KOSDAQ");
        assertThat(s.universe().exclude()).containsExactly("005930");
        assertThat(s.universe().filter()).isEqualTo("volume > 0");
        assertThat(s.rebalance()).isEqualTo(Rebalance.WEEKLY);
        assertThat(s.buy().rank()).containsExactly(
                new StrategySpec.RankKey("change(close, 20)", Order.DESC, 1),
                new StrategySpec.RankKey("volume", Order.ASC, 0.5));
        assertThat(s.buy().maxPositions()).isEqualTo(10);
        assertThat(s.buy().sizing().rebalanceToTarget()).isTrue();
        assertThat(s.sell()).isEqualTo(new StrategySpec.Sell("cross_below(close, sma(close, 50))", 30.0, 10.0, 15.0, 120,
                StopMode.INTRADAY, true));
        assertThat(s.execution()).isEqualTo(new StrategySpec.Execution(Fill.CLOSE, 0.015, 0.18, 0.05, true, MarketRules.KRX));
        assertThat(s.period()).isEqualTo(new StrategySpec.Period(LocalDate.of(2015, 1, 1), LocalDate.of(2024, 12, 31)));
        assertThat(s.initialCapital()).isEqualTo(50_000_000);
        assertThat(s.benchmark()).isEqualTo("KOSPI");
        assertThat(s.riskFreeRatePct()).isEqualTo(3.5);
        // the effective spec written back as JSON reads as the same spec
        assertThat(read(SpecReader.toJson(s))).isEqualTo(s);
    }

    @Test
    void aRankKeyDefaultsToDescendingWithWeightOne() {
        StrategySpec s = read("""
                {"buy": {"rank": [{"by": "close"}]}}""");
        assertThat(s.buy().rank()).containsExactly(new StrategySpec.RankKey("close", Order.DESC, 1));
    }

    @Test
    void enumSpellingsAreCaseInsensitive() {
        StrategySpec s = read("""
                {"rebalance": "Quarterly", "execution": {"fill": "NEXT_OPEN", "marketRules": "KRX"}}""");
        assertThat(s.rebalance()).isEqualTo(Rebalance.QUARTERLY);
        assertThat(s.execution().fill()).isEqualTo(Fill.NEXT_OPEN);
        assertThat(s.execution().marketRules()).isEqualTo(MarketRules.KRX);
    }

    // ---- problems ----------------------------------------------------------------------------------------------

    @Test
    void unknownKeysAreReportedWithTheirPathAndTheNearestKnownKey() {
        SpecProblem p = only("""
                {"buy": {"maxPosition": 5}}""");
        assertThat(p.path()).isEqualTo("$.buy.maxPosition");
        assertThat(p.message()).contains("unknown key 'maxPosition'").contains("did you mean 'maxPositions'?");

        assertThat(only("""
                {"rebalanse": "daily"}""").path()).isEqualTo("$.rebalanse");
        assertThat(only("""
                {"buy": {"rank": [{"by": "close", "weigth": 2}]}}""").path()).isEqualTo("$.buy.rank[0].weigth");
        assertThat(only("""
                {"buy": {"sizing": {"rebalance": true}}}""").path()).isEqualTo("$.buy.sizing.rebalance");
        assertThat(only("""
                {"execution": {"tax": 0.1}}""").path()).isEqualTo("$.execution.tax");
    }

    @Test
    void wrongTypesAreReported() {
        SpecProblem p = only("""
                {"initialCapital": "a lot"}""");
        assertThat(p.path()).isEqualTo("$.initialCapital");
        assertThat(p.message()).contains("expected a number").contains("a string");

        assertThat(only("""
                {"buy": {"maxPositions": 2.5}}""").path()).isEqualTo("$.buy.maxPositions");
        assertThat(only("""
                {"execution": {"fractionalShares": "yes"}}""").path()).isEqualTo("$.execution.fractionalShares");
        assertThat(only("""
                {"universe": {"symbols": "AAA"}}""").path()).isEqualTo("$.universe.symbols");
        assertThat(only("""
                {"universe": {"symbols": ["AAA", 5]}}""").path()).isEqualTo("$.universe.symbols[1]");
        assertThat(only("""
                {"sell": []}""").path()).isEqualTo("$.sell");
        assertThat(only("""
                {"buy": {"rank": {"by": "close"}}}""").path()).isEqualTo("$.buy.rank");
        assertThat(only("""
                {"rebalance": 7}""").path()).isEqualTo("$.rebalance");
    }

    @Test
    void outOfRangeNumbersAreReported() {
        SpecProblem cap = only("""
                {"initialCapital": -5}""");
        assertThat(cap.path()).isEqualTo("$.initialCapital");
        assertThat(cap.message()).contains("positive").contains("-5");
        assertThat(only("""
                {"initialCapital": 0}""").path()).isEqualTo("$.initialCapital");
        assertThat(only("""
                {"buy": {"maxPositions": 0}}""").path()).isEqualTo("$.buy.maxPositions");
        assertThat(only("""
                {"sell": {"stopLossPct": 100}}""").path()).isEqualTo("$.sell.stopLossPct");
        assertThat(only("""
                {"sell": {"takeProfitPct": -1}}""").path()).isEqualTo("$.sell.takeProfitPct");
        assertThat(only("""
                {"sell": {"maxHoldDays": 0}}""").path()).isEqualTo("$.sell.maxHoldDays");
        assertThat(only("""
                {"execution": {"commissionPct": -0.1}}""").path()).isEqualTo("$.execution.commissionPct");
        assertThat(only("""
                {"buy": {"rank": [{"by": "close", "weight": 0}]}}""").path()).isEqualTo("$.buy.rank[0].weight");
    }

    @Test
    void periodEndBeforeStartAndBadDates() {
        SpecProblem p = only("""
                {"period": {"start": "2024-06-01", "end": "2024-01-31"}}""");
        assertThat(p.path()).isEqualTo("$.period.end");
        assertThat(p.message()).contains("2024-01-31").contains("before").contains("2024-06-01");
        SpecProblem d = only("""
                {"period": {"start": "2024-13-01"}}""");
        assertThat(d.path()).isEqualTo("$.period.start");
        assertThat(d.message()).contains("YYYY-MM-DD");
    }

    @Test
    void unknownIdentifiersInExpressionsNameTheNearestKnownOne() {
        SpecProblem p = only("""
                {"buy": {"when": "clsoe > 10"}}""");
        assertThat(p.path()).isEqualTo("$.buy.when");
        assertThat(p.message()).contains("unknown identifier 'clsoe'").contains("did you mean 'close'?");

        SpecProblem f = only("""
                {"universe": {"filter": "volum > 0"}}""");
        assertThat(f.path()).isEqualTo("$.universe.filter");
        assertThat(f.message()).contains("'volum'").contains("'volume'");

        assertThat(only("""
                {"sell": {"when": "per < 5"}}""").path()).isEqualTo("$.sell.when");
        SpecProblem r = only("""
                {"buy": {"rank": [{"by": "close"}, {"by": "sma(hihg, 5)"}]}}""");
        assertThat(r.path()).isEqualTo("$.buy.rank[1].by");
        assertThat(r.message()).contains("'high'");
    }

    @Test
    void expressionsMustHaveTheRightType() {
        SpecProblem w = only("""
                {"buy": {"when": "close"}}""");
        assertThat(w.path()).isEqualTo("$.buy.when");
        assertThat(w.message()).contains("condition");
        SpecProblem r = only("""
                {"buy": {"rank": [{"by": "close > 5"}]}}""");
        assertThat(r.path()).isEqualTo("$.buy.rank[0].by");
        assertThat(r.message()).contains("number");
        assertThat(only("""
                {"buy": {"rank": [{"order": "asc"}]}}""").path()).isEqualTo("$.buy.rank[0].by");
    }

    @Test
    void badEnumValuesListTheAcceptedOnes() {
        SpecProblem p = only("""
                {"rebalance": "yearly"}""");
        assertThat(p.path()).isEqualTo("$.rebalance");
        assertThat(p.message()).contains("'yearly'").contains("\"monthly\"").contains("\"quarterly\"");
        assertThat(only("""
                {"execution": {"fill": "tomorrow"}}""").message()).contains("\"next_open\"").contains("\"close\"");
        assertThat(only("""
                {"sell": {"stopMode": "intra"}}""").path()).isEqualTo("$.sell.stopMode");
        assertThat(only("""
                {"buy": {"rank": [{"by": "close", "order": "up"}]}}""").path()).isEqualTo("$.buy.rank[0].order");
        assertThat(only("""
                {"buy": {"sizing": {"method": "kelly"}}}""").path()).isEqualTo("$.buy.sizing.method");
        assertThat(only("""
                {"execution": {"marketRules": "nyse"}}""").path()).isEqualTo("$.execution.marketRules");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        List<SpecProblem> p = problems("""
                {"nmae": "x", "rebalance": "yearly", "initialCapital": -1,
                 "universe": {"filter": "volum > 0"},
                 "buy": {"when": "clsoe > 1", "maxPositions": "ten", "rank": [{"by": "close", "order": "sideways"}]},
                 "sell": {"stopLossPct": 0, "stopMode": "whenever"},
                 "execution": {"fill": "later", "commissionPct": "cheap"},
                 "period": {"start": "2024-02-01", "end": "2024-01-01"}}""");
        assertThat(p).extracting(SpecProblem::path).containsExactlyInAnyOrder(
                "$.nmae", "$.rebalance", "$.initialCapital", "$.universe.filter", "$.buy.when", "$.buy.maxPositions",
                "$.buy.rank[0].order", "$.sell.stopLossPct", "$.sell.stopMode", "$.execution.fill",
                "$.execution.commissionPct", "$.period.end");
        // the exception message lists them all, one per line, with their paths
        SpecException e = catchThrowableOfType(SpecException.class, () -> read("""
                {"rebalance": "yearly", "initialCapital": -1}"""));
        assertThat(e.getMessage()).contains("2 problems").contains("$.rebalance: ").contains("$.initialCapital: ");
    }

    @Test
    void malformedJsonAndNonObjects() {
        SpecProblem p = only("{\"buy\": ");
        assertThat(p.path()).isEqualTo("$");
        assertThat(p.message()).contains("malformed JSON");
        assertThat(only("[1, 2]").path()).isEqualTo("$");
        assertThat(only("").path()).isEqualTo("$");
        assertThatThrownBy(() -> read("42")).isInstanceOf(SpecException.class).hasMessageContaining("expected a JSON object");
    }
}
