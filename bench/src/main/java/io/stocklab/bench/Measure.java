package io.stocklab.bench;

import java.util.Arrays;
import java.util.Locale;

/** Warm-up then measured iterations of a task; reports the median (and min/max) in milliseconds. */
final class Measure {
    record Result(double medianMs, double minMs, double maxMs, int iterations) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "median %.1f ms (min %.1f, max %.1f, %d runs)", medianMs, minMs, maxMs, iterations);
        }
    }

    interface Task {
        void run() throws Exception;
    }

    static Result run(int warmup, int iterations, Runnable beforeEach, Task task) throws Exception {
        for (int i = 0; i < warmup; i++) {
            if (beforeEach != null) beforeEach.run();
            task.run();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            if (beforeEach != null) beforeEach.run();
            long t0 = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = iterations % 2 == 1 ? ms[iterations / 2] : (ms[iterations / 2 - 1] + ms[iterations / 2]) / 2;
        return new Result(median, ms[0], ms[iterations - 1], iterations);
    }
}
