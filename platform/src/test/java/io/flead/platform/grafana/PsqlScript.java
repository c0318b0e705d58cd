package io.flead.platform.grafana;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a psql script over JDBC with the few psql features the compose init scripts use: {@code :'var'} (a quoted
 * literal), {@code :"var"} (a quoted identifier), {@code --} comment lines and {@code \gexec} (run each value the
 * query returns as a statement).
 */
final class PsqlScript {
    private static final Pattern VARIABLE = Pattern.compile(":(['\"])(\\w+)\\1");
    private static final Pattern TERMINATOR = Pattern.compile(";[ \\t]*(?:\n|$)|\\s*\\\\gexec[ \\t]*(?:\n|$)");

    private PsqlScript() {
    }

    /** One statement of the script; {@code gexec} when it was ended by {@code \gexec} instead of a semicolon. */
    record Command(String sql, boolean gexec) {
    }

    static List<Command> commands(Path script, Map<String, String> variables) {
        StringBuilder text = new StringBuilder();
        try {
            for (String line : Files.readAllLines(script)) {
                if (!line.strip().startsWith("--")) {
                    text.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sql = substitute(text.toString(), variables, script);
        List<Command> commands = new ArrayList<>();
        Matcher end = TERMINATOR.matcher(sql);
        int start = 0;
        while (end.find()) {
            String statement = sql.substring(start, end.start()).strip();
            if (!statement.isEmpty()) {
                commands.add(new Command(statement, end.group().contains("gexec")));
            }
            start = end.end();
        }
        if (!sql.substring(start).isBlank()) {
            throw new IllegalArgumentException(script + ": statement without a terminating ';': " + sql.substring(start).strip());
        }
        return commands;
    }

    private static String substitute(String sql, Map<String, String> variables, Path script) {
        Matcher m = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(2));
            if (value == null) {
                throw new IllegalArgumentException(script + ": psql variable '" + m.group(2) + "' is not set");
            }
            String quote = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(quote + value.replace(quote, quote + quote) + quote));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Runs the script; each value a {@code \gexec} query returns is run as a statement. */
    static void run(Connection db, Path script, Map<String, String> variables) throws SQLException {
        for (Command c : commands(script, variables)) {
            try (Statement st = db.createStatement()) {
                if (!c.gexec()) {
                    st.execute(c.sql());
                    continue;
                }
                List<String> generated = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(c.sql())) {
                    while (rs.next()) {
                        generated.add(rs.getString(1));
                    }
                }
                for (String g : generated) {
                    st.execute(g);
                }
            }
        }
    }
}
