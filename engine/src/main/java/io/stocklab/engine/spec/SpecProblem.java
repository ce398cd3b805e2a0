package io.stocklab.engine.spec;

import java.util.Objects;

/** One thing wrong with a spec: where (a JSON path such as {@code $.buy.rank[0].by}) and what. */
public record SpecProblem(String path, String message) {
    public SpecProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
