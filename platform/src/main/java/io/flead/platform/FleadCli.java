package io.flead.platform;

import io.flead.datagen.DatagenCli;
import io.flead.platform.connect.ConnectorsCommand;
import io.flead.platform.status.StatusCommand;
import io.flead.platform.up.UpCommand;
import java.io.PrintStream;
import java.util.Arrays;

/** The {@code flead} command line: dispatches subcommands ({@code up}, {@code datagen}, …). */
public final class FleadCli {
    private FleadCli() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return dispatch(args, out, err);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("flead: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("flead: " + e);
            return 1;
        }
    }

    private static int dispatch(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "datagen":
                return DatagenCli.run(rest, out, err);
            case "up":
                return UpCommand.run(rest, out, err);
            case "connectors":
                return ConnectorsCommand.run(rest, out, err);
            case "status":
                return StatusCommand.run(rest, out, err);
            default:
                err.println("flead: unknown command '" + args[0] + "'");
                usage(err);
                return 2;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: flead <command> [options]");
        out.println("  up                 run the whole platform on the embedded stack");
        out.println("  datagen            generate Edge-IIoTset-like device CSV files");
        out.println("  connectors <apply|status|restart>   the connect-configs/*.json on a Connect cluster");
        out.println("  status             rounds, F1 trend, anomalies per device and drift alerts from the database");
        out.println("  bench <name>       run a benchmark (source, sink, functions, quality, streams, …)");
    }
}
