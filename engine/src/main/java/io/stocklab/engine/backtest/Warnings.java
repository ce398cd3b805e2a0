package io.stocklab.engine.backtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects warnings by kind, counting repeats and keeping the first example, in first-seen order. */
final class Warnings {
    private static final class Entry {
        int count;
        String first;
    }

    private final Map<String, Entry> byKind = new LinkedHashMap<>();
    private final List<String> plain = new ArrayList<>();

    /** Counts one occurrence of {@code kind} (a sentence without a count), with an example like "2015-03-02 AAPL". */
    void add(String kind, String example) {
        Entry e = byKind.computeIfAbsent(kind, k -> new Entry());
        if (e.count++ == 0) e.first = example;
    }

    /** Adds a warning said once as is. */
    void once(String message) {
        if (!plain.contains(message)) plain.add(message);
    }

    List<String> toList() {
        List<String> out = new ArrayList<>(plain);
        byKind.forEach((kind, e) -> out.add(e.count + " × " + kind + (e.first != null ? " (first: " + e.first + ")" : "")));
        return out;
    }
}
