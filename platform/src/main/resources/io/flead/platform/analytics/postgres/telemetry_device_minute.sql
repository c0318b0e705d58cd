-- On plain PostgreSQL: a view binning the raw rows with date_bin at query time; timescaledb/ holds the same
-- relation as a continuous aggregate.
CREATE OR REPLACE VIEW telemetry_device_minute AS
SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, device_id, count(*) AS rows,
       avg((features->>'tcp.len')::float8) AS mean_tcp_len, avg((features->>'mqtt.len')::float8) AS mean_mqtt_len,
       avg((features->>'udp.time_delta')::float8) AS mean_udp_time_delta,
       avg((features->>'dns.qry.name.len')::float8) AS mean_dns_qry_name_len,
       min(time) AS first_time, max(time) AS last_time
FROM telemetry GROUP BY 1, 2;
