package io.stocklab.server.community;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The text-search condition of the post list. On PostgreSQL: full-text search on the {@code search_vector} column
 * (V22, 'simple' configuration, GIN index) where every word of the query must match a word of the post as a prefix
 * (so {@code 모멘텀} finds {@code 모멘텀은}); elsewhere (H2): every word must occur, case-insensitively, in the title or
 * the content.
 */
interface TextSearch {
    int MAX_TERMS = 8;

    record Condition(String sql, Map<String, Object> params) {
    }

    Condition condition(String query);

    /** The words of a query: runs of letters and digits (any script), lower-cased, at most {@link #MAX_TERMS}. */
    static List<String> terms(String query) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String q = query.toLowerCase(Locale.ROOT) + " ";
        for (int i = 0; i < q.length(); ) {
            int cp = q.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (!word.isEmpty()) {
                if (out.size() < MAX_TERMS && !out.contains(word.toString())) out.add(word.toString());
                word.setLength(0);
            }
            i += Character.charCount(cp);
        }
        return out;
    }

    /**
     * PostgreSQL full-text search: {@code to_tsquery('simple', 'w1:* & w2:*')}. The query is written into the SQL
     * as a literal, not bound as a parameter: with a parameter, PostgreSQL soon switches the prepared statement to a
     * generic plan that cannot know how many posts match, and a word found in most posts then costs a bitmap scan
     * and a sort of all of them instead of a walk down the date index that stops after one page (0.07 ms against
     * tens of ms for 10,000 posts). Safe because the words consist of letters and digits only (checked again here).
     */
    final class FullText implements TextSearch {
        @Override
        public Condition condition(String query) {
            List<String> terms = terms(query);
            if (terms.isEmpty()) return new Condition("1 = 0", Map.of());
            for (String t : terms) {
                if (!t.codePoints().allMatch(Character::isLetterOrDigit)) {
                    throw new IllegalStateException("not a plain word: " + t);
                }
            }
            String tsquery = String.join(" & ", terms.stream().map(t -> t + ":*").toList());
            return new Condition("search_vector @@ to_tsquery('simple', '" + tsquery + "')", Map.of());
        }
    }

    /** Portable fallback: case-insensitive LIKE on title and content for every word. */
    final class Like implements TextSearch {
        @Override
        public Condition condition(String query) {
            List<String> terms = terms(query);
            if (terms.isEmpty()) return new Condition("1 = 0", Map.of());
            StringBuilder sql = new StringBuilder("(");
            Map<String, Object> params = new LinkedHashMap<>();
            for (int i = 0; i < terms.size(); i++) {
                if (i > 0) sql.append(" AND ");
                sql.append("(LOWER(title) LIKE :t").append(i).append(" OR LOWER(content) LIKE :t").append(i)
                        .append(")");
                // terms are letters and digits only: nothing to escape
                params.put("t" + i, "%" + terms.get(i) + "%");
            }
            return new Condition(sql.append(")").toString(), params);
        }
    }

    /** Chooses the implementation from the database the application runs on. */
    @Configuration(proxyBeanMethods = false)
    class Selection {
        @Bean
        TextSearch communityTextSearch(DataSource dataSource) throws MetaDataAccessException {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return "PostgreSQL".equalsIgnoreCase(product) ? new FullText() : new Like();
        }
    }
}
