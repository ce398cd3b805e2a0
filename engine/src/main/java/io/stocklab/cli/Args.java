package io.stocklab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal {@code --name value} / {@code --flag} parser with clear errors. */
final class Args {
    private final String command;
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    Args(String command, String[] argv, int from, Set<String> withValue, Set<String> flags) {
        this.command = command;
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--help") || a.equals("-h")) {
                values.put("help", List.of("true"));
                continue;
            }
            if (!a.startsWith("--")) throw new UsageException(command + ": unexpected argument '" + a + "' (options start with --; see stocklab " + command + " --help)");
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (withValue.contains(name)) {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= argv.length) throw new UsageException(command + ": option --" + name + " needs a value");
                    v = argv[++i];
                }
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
            } else {
                throw new UsageException(command + ": unknown option --" + name + " (see stocklab " + command + " --help)");
            }
        }
    }

    boolean help() {
        return values.containsKey("help");
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    String require(String name) {
        String v = get(name);
        if (v == null) throw new UsageException(command + ": missing required option --" + name + " (see stocklab " + command + " --help)");
        return v;
    }

    int intValue(String name, int def, int min, int max) {
        String v = get(name);
        if (v == null) return def;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) throw new UsageException(command + ": --" + name + " must be between " + min + " and " + max + ", got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a whole number, got '" + v + "'");
        }
    }
}
