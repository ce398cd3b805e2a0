package io.stocklab.engine.spec;

import java.util.List;

/** A spec that cannot run, with every problem found (not just the first). */
public class SpecException extends IllegalArgumentException {
    private final List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(format(problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("a SpecException needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    public SpecException(String path, String message) {
        this(List.of(new SpecProblem(path, message)));
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    private static String format(List<SpecProblem> problems) {
        StringBuilder b = new StringBuilder("invalid strategy spec (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):");
        for (SpecProblem p : problems) b.append("\n  ").append(p.path()).append(": ").append(p.message());
        return b.toString();
    }
}
