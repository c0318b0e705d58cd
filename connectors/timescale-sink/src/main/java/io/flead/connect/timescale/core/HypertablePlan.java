package io.flead.connect.timescale.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements that bring an existing hypertable to its {@link HypertableSettings}, given the policies it has:
 * run on every start, they change only what differs, so applying the same settings twice changes nothing.
 */
public final class HypertablePlan {
    private HypertablePlan() {
    }

    /**
     * The policies a hypertable has now, as read by {@link PostgresDialect#selectPolicies()}: whether each exists and
     * whether its age equals the configured one.
     */
    public record Policies(boolean columnstore, boolean columnstoreSame, boolean retention, boolean retentionSame) {
        public static final Policies NONE = new Policies(false, false, false, false);
    }

    /** The statements, in order, for {@code settings} on a hypertable that has {@code current}. */
    public static List<String> statements(HypertableSettings settings, Policies current) {
        String table = settings.table();
        List<String> sql = new ArrayList<>();
        sql.add(PostgresDialect.setChunkInterval(table, settings.chunkInterval()));
        if (settings.columnstoreAfter() != null) {
            sql.add(PostgresDialect.enableColumnstore(table, settings.segmentBy(), settings.timeColumn()));
        }
        policy(sql, settings.columnstoreAfter(), current.columnstore(), current.columnstoreSame(),
                PostgresDialect.removeColumnstorePolicy(table),
                settings.columnstoreAfter() == null ? null : PostgresDialect.addColumnstorePolicy(table, settings.columnstoreAfter()));
        policy(sql, settings.retention(), current.retention(), current.retentionSame(),
                PostgresDialect.removeRetentionPolicy(table),
                settings.retention() == null ? null : PostgresDialect.addRetentionPolicy(table, settings.retention()));
        return sql;
    }

    private static void policy(List<String> sql, String wanted, boolean exists, boolean same, String remove, String add) {
        if (exists && (wanted == null || !same)) {
            sql.add(remove);
        }
        if (wanted != null && !(exists && same)) {
            sql.add(add);
        }
    }
}
