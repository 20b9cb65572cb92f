-- 100,000 subscribers, each with an open session on its own address (as the ingest benchmark).
INSERT INTO subscribers (external_id, display_name, product_code, status, created_at, updated_at, version)
SELECT 'VOL-' || i, 'volume ' || i, 'dynamic-residential', 'active', now() - interval '30 days', now() - interval '30 days', 1
FROM generate_series(0, 99999) i;
INSERT INTO access_sessions (nas_id, session_id, subscriber_id, framed_ip, framed_ip_key, started_at)
SELECT 'vol-nas', 's' || i, s.id, '100.' || (64 + i / 65536) || '.' || (i / 256 % 256) || '.' || (i % 256),
       lpad('', 24, '0') || lpad(to_hex(100), 2, '0') || lpad(to_hex(64 + i / 65536), 2, '0')
           || lpad(to_hex(i / 256 % 256), 2, '0') || lpad(to_hex(i % 256), 2, '0'),
       now() - interval '30 days'
FROM generate_series(0, 99999) i JOIN subscribers s ON s.external_id = 'VOL-' || i;
