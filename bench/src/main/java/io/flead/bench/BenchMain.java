package io.flead.bench;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;

/**
 * Entry point of {@code ./flead bench <name> [args]}: runs {@code io.flead.bench.<name>.<Name>Bench}.
 *
 * <p>Each benchmark lives in its own package and prints {@code metric <name> <value> <unit>} lines.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println("usage: flead bench <source|sink|functions|quality|streams|lambda|e2e|latency|loop|chaos> [options]");
            return;
        }
        String name = args[0].toLowerCase(Locale.ROOT);
        String className = "io.flead.bench." + name + "." + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Bench";
        Class<?> bench;
        try {
            bench = Class.forName(className);
        } catch (ClassNotFoundException e) {
            System.err.println("flead bench: unknown benchmark '" + args[0] + "' (no class " + className + ")");
            System.exit(2);
            return;
        }
        Method main = bench.getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
