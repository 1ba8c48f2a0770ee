-- Case records, their sources and their counts (see the codebook for every field).

create sequence case_public_id_seq start with 1;

create table case_record (
    id                bigint generated always as identity primary key,
    public_id         text        not null unique check (public_id ~ '^AT-[0-9]{6}$'),
    status            text        not null check (status in ('draft', 'published', 'retracted')),
    version           integer     not null default 1,
    event_date        text        not null check (event_date ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
    date_precision    text        not null check (date_precision in ('day', 'month', 'year')),
    -- first and last day of the period that event_date denotes; the date filters use them
    event_start       date        not null,
    event_end         date        not null,
    end_date          text        check (end_date ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
    announcement_date text        check (announcement_date ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
    country           char(2)     check (country ~ '^[A-Z]{2}$'),
    other_countries   text[]      not null default '{}',
    place             text,
    region            text,
    geo_precision     text        not null,
    latitude          double precision check (latitude between -90 and 90),
    longitude         double precision check (longitude between -180 and 180),
    case_type         text        not null,
    legal_status      text        not null,
    context           text        not null,
    weapon_3d_role    text        not null,
    channels          text[]      not null default '{}',
    payment_methods   text[]      not null default '{}',
    prices            jsonb       not null default '[]',
    metrics           jsonb       not null default '[]',
    people            jsonb       not null default '[]',
    agencies          text[]      not null default '{}',
    summary           text        not null,
    outcome           text,
    confidence        text        not null,
    uncertain         boolean     not null default false,
    uncertainty_notes text,
    related_ids       text[]      not null default '{}',
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    check (event_start <= event_end)
);

-- Public lists: keyset pagination over (event_start, public_id) or public_id, published records only.
create index case_record_published_date_idx on case_record (event_start, public_id) where status = 'published';
create index case_record_published_id_idx on case_record (public_id) where status = 'published';
-- One index per filter.
create index case_record_country_idx on case_record (country);
create index case_record_case_type_idx on case_record (case_type);
create index case_record_context_idx on case_record (context);
create index case_record_weapon_role_idx on case_record (weapon_3d_role);
create index case_record_channels_idx on case_record using gin (channels);
create index case_record_event_end_idx on case_record (event_end);

create table case_source (
    id           bigint generated always as identity primary key,
    case_id      bigint  not null references case_record (id) on delete cascade,
    position     integer not null,
    publisher    text    not null,
    title        text    not null,
    published    text    check (published ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
    url          text    not null check (url ~ '^https?://'),
    archive_url  text    check (archive_url ~ '^https?://'),
    source_type  text    not null,
    language     text    not null check (language ~ '^[a-z]{2}$'),
    supports     text[]  not null default '{}',
    unique (case_id, position)
);

create table case_count (
    id         bigint generated always as identity primary key,
    case_id    bigint  not null references case_record (id) on delete cascade,
    count_key  text    not null,
    value      bigint  not null check (value >= 0),
    qualifier  text    not null,
    note       text,
    unique (case_id, count_key)
);
create index case_count_key_idx on case_count (count_key);

-- Which shipped dataset versions were loaded: the shipped data is loaded into an empty database once.
create table dataset_load (
    dataset_version text        primary key,
    loaded_at       timestamptz not null default now(),
    record_count    integer     not null
);
