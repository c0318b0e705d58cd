-- Per minute across the fleet, summed from the per-device aggregates of either database (devices x minutes rows,
-- not the raw rows, so a policy refreshing the per-device aggregates keeps this current too).
CREATE OR REPLACE VIEW fleet_minute AS
SELECT bucket, coalesce(t.rows, 0) AS rows, coalesce(a.anomalies, 0) AS anomalies,
       coalesce(d.drift_alerts, 0) AS drift_alerts
FROM (SELECT bucket, sum(rows)::bigint AS rows FROM telemetry_device_minute GROUP BY bucket) t
FULL JOIN (SELECT bucket, sum(anomalies)::bigint AS anomalies FROM anomaly_device_minute GROUP BY bucket) a USING (bucket)
FULL JOIN (SELECT bucket, sum(drift_alerts)::bigint AS drift_alerts FROM drift_device_minute GROUP BY bucket) d
  USING (bucket);
