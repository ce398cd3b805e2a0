package io.stocklab.engine.expr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** "Did you mean" suggestions by edit distance. */
final class Suggestions {
    static final int MAX_DISTANCE = 2;
    static final int MAX_SUGGESTIONS = 3;

    private Suggestions() {
    }

    /**
     * The known names nearest to {@code name}: those at the smallest edit distance found, provided it is at most
     * {@value #MAX_DISTANCE}, alphabetically, at most {@value #MAX_SUGGESTIONS}.
     */
    static List<String> nearest(String name, Collection<String> known) {
        int best = MAX_DISTANCE + 1;
        List<String> found = new ArrayList<>();
        for (String k : known) {
            int d = distance(name, k);
            if (d < best) {
                best = d;
                found.clear();
            }
            if (d == best) found.add(k);
        }
        return found.stream().distinct().sorted().limit(MAX_SUGGESTIONS).toList();
    }

    /** "did you mean 'a'?", "did you mean 'a' or 'b'?", "did you mean 'a', 'b' or 'c'?"; null when empty. */
    static String didYouMean(List<String> names) {
        if (names.isEmpty()) return null;
        StringBuilder sb = new StringBuilder("did you mean ");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) sb.append(i == names.size() - 1 ? " or " : ", ");
            sb.append('\'').append(names.get(i)).append('\'');
        }
        return sb.append('?').toString();
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and transpositions of two
     * neighbouring characters each cost 1 (so {@code pre} → {@code per} is 1).
     */
    static int distance(String a, String b) {
        int n = a.length(), m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
