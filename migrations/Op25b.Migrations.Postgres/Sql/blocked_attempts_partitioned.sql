-- Attempts are partitioned by UTC day so that retention drops whole days (a metadata change)
-- instead of deleting millions of rows. PostgreSQL requires the partition key in the primary
-- key, hence (id, occurred_at); ids come from a sequence (identity columns on partitioned
-- tables need PostgreSQL 17). Partitions are created by the attempt store before a day's first insert.
CREATE SEQUENCE blocked_attempts_id_seq AS bigint;

CREATE TABLE blocked_attempts (
    id bigint NOT NULL DEFAULT nextval('blocked_attempts_id_seq'),
    occurred_at timestamp with time zone NOT NULL,
    router_name character varying(100) NOT NULL,
    source_ip character varying(45) NOT NULL,
    source_key character(32) COLLATE "C" NOT NULL,
    source_port integer NULL,
    destination_ip character varying(45) NOT NULL,
    destination_port integer NOT NULL,
    protocol character varying(16) NOT NULL,
    packets integer NOT NULL,
    action character varying(16) NOT NULL,
    subscriber_id bigint NULL,
    attributed_at timestamp with time zone NULL,
    dedup_key character varying(64) NOT NULL,
    channel character varying(16) NOT NULL,
    received_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_blocked_attempts PRIMARY KEY (id, occurred_at),
    CONSTRAINT fk_blocked_attempts_subscribers_subscriber_id FOREIGN KEY (subscriber_id) REFERENCES subscribers (id) ON DELETE RESTRICT
) PARTITION BY RANGE (occurred_at);

ALTER SEQUENCE blocked_attempts_id_seq OWNED BY blocked_attempts.id;
