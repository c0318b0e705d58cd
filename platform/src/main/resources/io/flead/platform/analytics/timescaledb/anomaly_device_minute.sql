-- A TimescaleDB continuous aggregate (real-time: rows newer than its last refresh are aggregated at query time)
-- with a refresh policy; postgres/ holds the same relation as a date_bin view.
CREATE MATERIALIZED VIEW IF NOT EXISTS anomaly_device_minute
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 minute', time) AS bucket, device_id, count(*) AS anomalies, sum(score) AS score_sum
FROM anomalies GROUP BY 1, 2 WITH NO DATA;
-- Whole history (start_offset NULL): replayed devices write event times far in the past, and a refresh only
-- recomputes the minutes whose rows changed since the last one.
SELECT add_continuous_aggregate_policy('anomaly_device_minute', start_offset => NULL, end_offset => INTERVAL '1 minute',
       schedule_interval => INTERVAL '30 seconds', if_not_exists => true);
