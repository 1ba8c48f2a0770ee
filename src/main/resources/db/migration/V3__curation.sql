-- Curation: tokens, the append-only revision log, idempotency keys, retractions.

create table api_token (
    id            bigint generated always as identity primary key,
    name          text        not null check (length(name) between 1 and 100),
    role          text        not null check (role in ('curator', 'editor', 'admin')),
    secret_sha256 text        not null unique check (secret_sha256 ~ '^[0-9a-f]{64}$'),
    created_at    timestamptz not null default now(),
    revoked_at    timestamptz
);

alter table case_record
    add column retraction_reason text,
    add column retracted_at      timestamptz,
    add column replaced_by       text check (replaced_by ~ '^AT-[0-9]{6}$'),
    add column merged            boolean not null default false,
    add check ((status = 'retracted') = (retracted_at is not null));

-- Every mutation of a record, in commit order. Rows are never changed or removed.
create table revision (
    sequence   bigint generated always as identity primary key,
    case_id    bigint      not null references case_record (id),
    public_id  text        not null,
    version    integer     not null,
    action     text        not null check (action in ('create', 'update', 'publish', 'retract', 'merge', 'import')),
    is_public  boolean     not null,
    token_id   bigint      references api_token (id),
    at         timestamptz not null default now(),
    snapshot   jsonb       not null,
    note       text,
    unique (case_id, version)
);
create index revision_public_id_idx on revision (public_id, sequence);

create function revision_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'revisions are append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger revision_no_update before update or delete on revision
    for each row execute function revision_is_append_only();
create trigger revision_no_truncate before truncate on revision
    for each statement execute function revision_is_append_only();

create table idempotency_key (
    token_id     bigint      not null references api_token (id),
    key          text        not null,
    request_hash text        not null,
    public_id    text        not null,
    created_at   timestamptz not null default now(),
    primary key (token_id, key)
);
