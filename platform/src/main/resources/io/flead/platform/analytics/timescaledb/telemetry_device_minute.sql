-- A TimescaleDB continuous aggregate (real-time: rows newer than its last refresh are aggregated at query time)
-- with a refresh policy; postgres/ holds the same relation as a date_bin view.
-- An aggregate made before first_time and last_time (each device's first and last row in the minute, which the API's
-- device list reads) is made again, with the views on it, and refilled by its refresh policy.
DO $$ BEGIN IF to_regclass('telemetry_device_minute') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'telemetry_device_minute' AND column_name = 'last_time') THEN DROP MATERIALIZED VIEW telemetry_device_minute CASCADE; END IF; END $$;
CREATE MATERIALIZED VIEW IF NOT EXISTS telemetry_device_minute
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 minute', time) AS bucket, device_id, count(*) AS rows,
       avg((features->>'tcp.len')::float8) AS mean_tcp_len, avg((features->>'mqtt.len')::float8) AS mean_mqtt_len,
       avg((features->>'udp.time_delta')::float8) AS mean_udp_time_delta,
       avg((features->>'dns.qry.name.len')::float8) AS mean_dns_qry_name_len,
       min(time) AS first_time, max(time) AS last_time
FROM telemetry GROUP BY 1, 2 WITH NO DATA;
-- Whole history (start_offset NULL): replayed devices write event times far in the past, and a refresh only
-- recomputes the minutes whose rows changed since the last one.
SELECT add_continuous_aggregate_policy('telemetry_device_minute', start_offset => NULL, end_offset => INTERVAL '1 minute',
       schedule_interval => INTERVAL '30 seconds', if_not_exists => true);
