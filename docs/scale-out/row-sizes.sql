-- Bytes per row, indexes included, of blocked attempts and their rollups, on the real schema.
-- Run against an empty database that `migrate` has just created (nothing else is needed):
--   Database__Provider=Postgres Database__ConnectionString="..." dotnet run --project src/Op25b.Api -- migrate
--   psql "<that database>" -f docs/scale-out/row-sizes.sql
-- It stores one UTC day of 500,000 attributed attempts shaped like the benchmarks' (150 infected
-- lines make 90%, 3,000 a day each to their own 900 mail servers; 50,000 other lines one each),
-- row by row through the existing indexes as ingest does, builds the rollups from them, and
-- prints size / rows per table. IPv4 addresses only; an IPv6 address is about 10 bytes longer.
\set ON_ERROR_STOP on
CREATE TABLE blocked_attempts_sizing PARTITION OF blocked_attempts FOR VALUES FROM ('2026-01-01 00:00Z') TO ('2026-01-02 00:00Z');

INSERT INTO blocked_attempts (occurred_at, router_name, source_ip, source_key, source_port, destination_ip, destination_port,
                              protocol, packets, action, subscriber_id, attributed_at, dedup_key, channel, received_at)
SELECT t, 'bras-tokyo-' || lpad((sub % 20)::text, 2, '0'), src, md5(src), 1024 + (n * 7919) % 64000, dst, 25,
       'tcp', 1 + n % 3, 'drop', sub, t + interval '2 seconds', encode(sha256(convert_to(n::text || src || dst, 'UTF8')), 'hex'),
       'syslog-tcp', t + interval '1 second'
FROM (
    SELECT n, t, sub,
           '100.64.' || (sub / 250) || '.' || (sub % 250) AS src,
           CASE WHEN sub <= 150
                THEN '198.18.' || (sub % 64 * 4 + k / 250) || '.' || (k % 250)
                ELSE '203.0.' || (n % 113) || '.' || (n % 251) END AS dst
    FROM (SELECT n,
                 timestamptz '2026-01-01 00:00Z' + (n * interval '86399 seconds' / 500000) AS t,
                 CASE WHEN n % 10 < 9 THEN 1 + (n * 48271) % 150 ELSE 151 + n / 10 END AS sub,
                 (hashint4(n::int)::bigint & 2147483647) % 900 AS k
          FROM generate_series(1::bigint, 500000) AS n) g
) a
ORDER BY t;

INSERT INTO attempt_rollups_hourly (hour, subscriber_id, router_name, destination_ip, attempts, packets)
SELECT date_trunc('hour', occurred_at, 'UTC'), subscriber_id, router_name, destination_ip, count(*), sum(packets)
FROM blocked_attempts GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
INSERT INTO attempt_rollups_subscriber_hourly (hour, subscriber_id, attempts, packets, first_seen, last_seen)
SELECT date_trunc('hour', occurred_at, 'UTC'), subscriber_id, count(*), sum(packets), min(occurred_at), max(occurred_at)
FROM blocked_attempts GROUP BY 1, 2 ORDER BY 1, 2;
INSERT INTO attempt_rollups_subscriber_daily (day, subscriber_id, attempts, packets, first_seen, last_seen)
SELECT date_trunc('day', occurred_at, 'UTC'), subscriber_id, count(*), sum(packets), min(occurred_at), max(occurred_at)
FROM blocked_attempts GROUP BY 1, 2 ORDER BY 1, 2;
INSERT INTO attempt_subscriber_destinations (subscriber_id, destination_ip, first_seen, last_seen, attempts)
SELECT subscriber_id, destination_ip, min(occurred_at), max(occurred_at), count(*)
FROM blocked_attempts GROUP BY 1, 2 ORDER BY 1, 2;
INSERT INTO attempt_rollups_router_hourly (hour, router_name, attempts, packets)
SELECT date_trunc('hour', occurred_at, 'UTC'), router_name, count(*), sum(packets)
FROM blocked_attempts GROUP BY 1, 2 ORDER BY 1, 2;
INSERT INTO attempt_rollups_destination_daily (day, destination_ip, attempts, packets)
SELECT date_trunc('day', occurred_at, 'UTC'), destination_ip, count(*), sum(packets)
FROM blocked_attempts GROUP BY 1, 2 ORDER BY 1, 2;

VACUUM ANALYZE;

SELECT t.name AS "table", t.rows,
       round(pg_relation_size(t.name) / t.rows::numeric) AS heap_bytes_per_row,
       round(pg_indexes_size(t.name) / t.rows::numeric) AS index_bytes_per_row,
       round(pg_total_relation_size(t.name) / t.rows::numeric) AS total_bytes_per_row
FROM (VALUES ('blocked_attempts_sizing'::regclass, (SELECT count(*) FROM blocked_attempts_sizing)),
             ('attempt_rollups_hourly', (SELECT count(*) FROM attempt_rollups_hourly)),
             ('attempt_rollups_subscriber_hourly', (SELECT count(*) FROM attempt_rollups_subscriber_hourly)),
             ('attempt_rollups_subscriber_daily', (SELECT count(*) FROM attempt_rollups_subscriber_daily)),
             ('attempt_subscriber_destinations', (SELECT count(*) FROM attempt_subscriber_destinations)),
             ('attempt_rollups_router_hourly', (SELECT count(*) FROM attempt_rollups_router_hourly)),
             ('attempt_rollups_destination_daily', (SELECT count(*) FROM attempt_rollups_destination_daily))) AS t(name, rows);
