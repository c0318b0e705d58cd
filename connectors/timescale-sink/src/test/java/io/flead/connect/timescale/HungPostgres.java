package io.flead.connect.timescale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server hung on purpose, alive but answering nothing: its postmaster (the PID in
 * {@code postmaster.pid}) and then every child of it (the backends serving open connections among them) are stopped
 * with SIGSTOP; {@link #close()} resumes them with SIGCONT. The kernel still accepts connections and data for them.
 */
final class HungPostgres implements AutoCloseable {
    private final List<Long> pids;

    private HungPostgres(List<Long> pids) {
        this.pids = pids;
    }

    /** Stops the server running on {@code dataDir}. */
    static HungPostgres hang(Path dataDir) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8)
                .get(0).trim());
        signal("-STOP", List.of(postmaster)); // first, so it forks no new child while the children are listed
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        pids.addAll(children(postmaster));
        signal("-STOP", pids.subList(1, pids.size()));
        return new HungPostgres(pids);
    }

    /** Resumes every process stopped. */
    @Override
    public void close() throws IOException, InterruptedException {
        // the children first: a resumed postmaster reaps whichever of them exits, and its PID is gone
        signal("-CONT", pids.subList(1, pids.size()));
        signal("-CONT", pids.subList(0, 1));
    }

    private static List<Long> children(long parent) throws IOException {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String stat;
                try {
                    stat = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // exited meanwhile
                }
                // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // a zombie (exited, not yet reaped by the stopped postmaster) is not hung, and vanishes once reaped
                if (Long.parseLong(fields[1]) == parent && !fields[0].equals("Z")) {
                    children.add(Long.parseLong(proc.getFileName().toString()));
                }
            }
        }
        return children;
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
