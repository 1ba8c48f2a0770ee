-- Rate-limit buckets shared by every instance on this database (armstrace.rate-limit.store=postgresql):
-- Bucket4j's PostgreSQL proxy manager keeps one row per client (an address or a token): its state,
-- serialised by Bucket4j; the advisory-lock id that serialises that client's requests; and when the row
-- may be forgotten (epoch milliseconds). With the default in-memory store the table stays empty.
create table rate_limit_bucket (
    id text primary key,
    state bytea,
    explicit_lock bigint,
    expires_at bigint
);
create index rate_limit_bucket_expires_idx on rate_limit_bucket (expires_at);
