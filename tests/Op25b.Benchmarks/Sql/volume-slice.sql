-- One slice of attributed attempts, spread evenly over [@from, @from + @seconds). The ISP shape
-- of the ingest benchmark: 90% from 2,000 infected subscribers working through ~900 mail
-- servers each, 10% from 10,000 subscribers who try port 25 now and then. A WITH clause: the
-- statement that follows (volume-attempts.sql, volume-slice-rollups.sql) reads "attempts".
WITH slice AS (
    SELECT g,
           @from + ((g - @first)::double precision / (@last - @first + 1) * @seconds) * interval '1 second' AS t,
           CASE WHEN random() < 0.9 THEN floor(random() * 2000)::int ELSE 2000 + floor(random() * 10000)::int END AS who,
           random() AS r
    FROM generate_series(@first, @last) g
), placed AS (
    SELECT g, t, who, CASE WHEN who < 2000 THEN (who * 7919 + floor(r * 900)::int) % 20000 ELSE floor(r * 20000)::int END AS server
    FROM slice
), attempts AS (
    SELECT p.g, p.t AS occurred_at, 'bng-' || (p.who % 8) AS router_name, s.framed_ip, s.framed_ip_key, s.subscriber_id,
           '45.' || (10 + p.server / 65536) || '.' || (p.server / 256 % 256) || '.' || (p.server % 256) AS destination_ip, 1 AS packets
    FROM placed p JOIN access_sessions s ON s.nas_id = 'vol-nas' AND s.session_id = 's' || p.who
)
