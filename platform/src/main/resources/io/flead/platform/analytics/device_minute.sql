-- Per device per minute on top of the telemetry and anomaly aggregates of either database.
CREATE OR REPLACE VIEW device_minute AS
SELECT bucket, device_id, coalesce(t.rows, 0) AS rows, coalesce(a.anomalies, 0) AS anomalies,
       CASE WHEN t.rows > 0 THEN coalesce(a.anomalies, 0)::float8 / t.rows END AS anomaly_rate,
       a.score_sum / a.anomalies AS mean_score, t.mean_tcp_len, t.mean_mqtt_len, t.mean_udp_time_delta,
       t.mean_dns_qry_name_len
FROM telemetry_device_minute t FULL JOIN anomaly_device_minute a USING (bucket, device_id);
