package io.stocklab.cli;

import io.stocklab.engine.ProgressListener;

import java.io.PrintStream;

/**
 * A one-line progress bar on the terminal (stderr) for work that takes more than a second: nothing is drawn
 * before one second has passed, nor at all when stderr is not a terminal.
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean enabled;
    private final String label;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;
    private String lastPhase = "";
    private String etaPhase = "";
    private long phaseStart = start;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
        this.enabled = isTerminal();
    }

    static boolean isTerminal() {
        String prop = System.getProperty("stocklab.tty");
        if (prop != null) return prop.equals("1") || prop.equalsIgnoreCase("true");
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 a console exists only for a terminal
        }
    }

    @Override
    public synchronized void progress(double fraction, String phase, String detail) {
        if (!enabled) return;
        long now = System.nanoTime();
        long elapsed = now - start;
        if (!phase.equals(etaPhase)) { // each phase has its own fraction: estimate from the phase's own start
            etaPhase = phase;
            phaseStart = now;
        }
        if (elapsed < SHOW_AFTER_NANOS) return;
        if (drawn && now - lastDraw < REDRAW_NANOS && phase.equals(lastPhase) && fraction < 1.0) return;
        lastDraw = now;
        lastPhase = phase;
        drawn = true;
        double f = Math.max(0, Math.min(1, fraction));
        int width = 30;
        int full = (int) Math.round(f * width);
        StringBuilder b = new StringBuilder("\r");
        b.append(label).append(" [");
        for (int i = 0; i < width; i++) b.append(i < full ? '#' : '.');
        b.append("] ").append(String.format("%3d%%", Math.round(f * 100))).append(' ').append(phase);
        if (detail != null) b.append(' ').append(detail);
        if (f > 0.02 && f < 1) {
            double eta = (now - phaseStart) / 1e9 * (1 - f) / f;
            b.append(String.format("  ETA %.0fs", eta));
        }
        b.append("\u001b[K");
        out.print(b);
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }
}
