package io.flead.platform.api;

import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The global model versions as the sink stored them in {@code global_models}; the current one is decoded and cached. */
final class ModelRegistry {
    /** One version as its message: every column, with {@code time} back as the epoch-millisecond {@code ts}. */
    static final String CURRENT = "SELECT version, (to_jsonb(g) - 'time' || jsonb_build_object('ts', "
        + "(extract(epoch FROM g.time) * 1000)::bigint))::text AS model FROM global_models g "
        + "ORDER BY version DESC, time DESC LIMIT 1";
    /**
     * One row per version, the last landed: the sink reads {@code global-model-updates} without read_committed, so a
     * version from an aborted fedavg transaction can land next to its committed copy.
     */
    static final String LIST = "SELECT DISTINCT ON (version) version, round, time, strategy, participants, n_samples, "
        + "threshold, eval, rejected, " + LoopColumns.SELECT + " FROM global_models g ORDER BY version DESC, time DESC LIMIT ?";
    static final String ONE = "SELECT version, round, time, strategy, participants, n_samples, threshold, eval, rejected, "
        + LoopColumns.SELECT + ", feature_names, weights, bias FROM global_models g WHERE version = ? "
        + "ORDER BY time DESC LIMIT 1";

    /**
     * The fields fedavg added for the federated loop, read through {@code to_jsonb} of the row: the sink adds a column
     * only once a message carried its field, so a table of versions without an evaluation has no such column.
     */
    static final class LoopColumns {
        static final String SELECT = "to_jsonb(g)->'evaluation' AS evaluation, to_jsonb(g)->'rejected_counts' AS "
            + "rejected_counts, to_jsonb(g)->'max_staleness' AS max_staleness";

        private LoopColumns() {
        }
    }

    private final Database db;
    private GlobalModel cached;

    ModelRegistry(Database db) {
        this.db = db;
    }

    /** The newest global version, or null before any (or before the table exists). */
    synchronized GlobalModel current() throws SQLException {
        if (!db.tableExists("global_models")) {
            return null;
        }
        List<Map<String, Object>> rows = db.rows(CURRENT);
        if (rows.isEmpty()) {
            return null;
        }
        long version = ((Number) rows.get(0).get("version")).longValue();
        if (cached == null || cached.version() != version) {
            cached = JsonCodec.decode((String) rows.get(0).get("model"), GlobalModel.class);
        }
        return cached;
    }

    /** The newest version that can score (it carries statistics), or a 409 saying why none can. */
    GlobalModel currentScorable() throws SQLException {
        GlobalModel model = current();
        if (model == null || model.stats() == null) {
            throw new ApiException(409, null, "No global model with feature statistics yet"
                + (model == null ? "" : " (current version " + model.version() + ")")
                + ": wait for the first federated round to close");
        }
        return model;
    }
}
