-- On plain PostgreSQL: a view binning the raw rows with date_bin at query time; timescaledb/ holds the same
-- relation as a continuous aggregate.
CREATE OR REPLACE VIEW anomaly_device_minute AS
SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, device_id, count(*) AS anomalies, sum(score) AS score_sum
FROM anomalies GROUP BY 1, 2;
