-- Releases: immutable, citable snapshots of the published dataset, with their files.
--
-- A release freezes the latest revision of every published record. release_case holds, per release,
-- the frozen snapshot plus the columns that filters, sorts, search and statistics read, named as in
-- case_record, so that one query builder serves live and release-pinned queries alike (its id is
-- the release row's own; record_id is the live record's). release_source and release_count do the
-- same for source types and count keys. Files are written once, at the cut, and stored in chunks so
-- that they stream in constant memory. Nothing here is ever updated or deleted.

create table release (
    id            bigint generated always as identity primary key,
    version       text        not null unique check (version ~ '^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$'),
    major         integer     not null,
    minor         integer     not null,
    patch         integer     not null,
    released_at   timestamptz not null,
    notes         text        not null,
    record_count  integer     not null check (record_count >= 0),
    -- every public revision with a sequence up to this one is in the release
    last_sequence bigint      not null,
    token_id      bigint      references api_token (id),
    unique (major, minor, patch)
);

create table release_case (
    id                bigint generated always as identity primary key,
    release_id        bigint      not null references release (id),
    record_id         bigint      not null references case_record (id),
    revision_sequence bigint      not null references revision (sequence),
    snapshot          jsonb       not null,
    public_id         text        not null,
    status            text        not null check (status = 'published'),
    version           integer     not null,
    event_start       date        not null,
    event_end         date        not null,
    country           char(2),
    latitude          double precision,
    case_type         text        not null,
    legal_status      text        not null,
    context           text        not null,
    weapon_3d_role    text        not null,
    channels          text[]      not null,
    payment_methods   text[]      not null,
    confidence        text        not null,
    uncertain         boolean     not null,
    summary           text        not null,
    search            tsvector    not null,
    unique (release_id, public_id)
);
create index release_case_date_idx on release_case (release_id, event_start, public_id);
create index release_case_search_idx on release_case using gin (search);

create table release_source (
    case_id     bigint not null references release_case (id),
    source_type text   not null
);
create index release_source_case_idx on release_source (case_id);

create table release_count (
    case_id   bigint not null references release_case (id),
    count_key text   not null,
    value     bigint not null,
    qualifier text   not null,
    primary key (case_id, count_key)
);

create table release_file (
    release_id  bigint  not null references release (id),
    position    integer not null,
    name        text    not null,
    media_type  text    not null,
    bytes       bigint  not null,
    sha256      text    not null check (sha256 ~ '^[0-9a-f]{64}$'),
    -- for CSV files: the SHA-256 with a UTF-8 byte order mark in front (bom=true)
    bom_sha256  text    check (bom_sha256 ~ '^[0-9a-f]{64}$'),
    primary key (release_id, name),
    unique (release_id, position)
);

create table release_file_chunk (
    release_id bigint  not null,
    name       text    not null,
    chunk      integer not null,
    data       bytea   not null,
    primary key (release_id, name, chunk),
    foreign key (release_id, name) references release_file (release_id, name)
);

create function release_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'releases are immutable: % on % refused', tg_op, tg_table_name using errcode = 'insufficient_privilege';
end;
$$;
create trigger release_no_update before update or delete on release
    for each row execute function release_is_immutable();
create trigger release_case_no_update before update or delete on release_case
    for each row execute function release_is_immutable();
create trigger release_source_no_update before update or delete on release_source
    for each row execute function release_is_immutable();
create trigger release_count_no_update before update or delete on release_count
    for each row execute function release_is_immutable();
create trigger release_file_no_update before update or delete on release_file
    for each row execute function release_is_immutable();
create trigger release_file_chunk_no_update before update or delete on release_file_chunk
    for each row execute function release_is_immutable();
create trigger release_no_truncate before truncate on release
    for each statement execute function release_is_immutable();
create trigger release_case_no_truncate before truncate on release_case
    for each statement execute function release_is_immutable();
create trigger release_file_chunk_no_truncate before truncate on release_file_chunk
    for each statement execute function release_is_immutable();
