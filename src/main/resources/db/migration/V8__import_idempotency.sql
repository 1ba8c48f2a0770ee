-- Imports honour Idempotency-Key like creates: per token, a key first used with a body (and the same
-- publish flag) answers that import's report again, without writing anything twice.
create table import_idempotency_key (
    token_id     bigint      not null references api_token (id),
    key          text        not null,
    request_hash text        not null,
    report       jsonb       not null,
    created_at   timestamptz not null default now(),
    primary key (token_id, key)
);
