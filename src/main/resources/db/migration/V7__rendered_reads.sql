-- Reads that move bytes (see docs/performance.md).
--
-- 1. Render once. Every record keeps its public forms beside its row, written in the same transaction
--    as the change that made them: document (exactly the JSON that GET /v1/cases/{id} serves), csv_row
--    (its line of the CSV export, with CRLF) and geometry (its GeoJSON point, or null). A release
--    freezes the same three texts. Rows written before this migration get them at the next start
--    (DocumentBackfill); until then they are null, and nothing is served from a null.
alter table case_record
    add column document text,
    add column csv_row  text,
    add column geometry text;
alter table release_case
    add column document text,
    add column csv_row  text,
    add column geometry text;

-- A release cut after this migration keeps the record's document only (the JSON of the revision it
-- froze); the jsonb snapshot stays for releases cut before, until their documents are filled in.
alter table release_case alter column snapshot drop not null;
alter table release_case add check (snapshot is not null or document is not null);

-- A release row may have its rendered forms filled in once (by the backfill of releases cut before
-- this migration); every other change stays refused.
create function release_case_render_once() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.document is null and old.csv_row is null and old.geometry is null
            and (to_jsonb(old) - 'document' - 'csv_row' - 'geometry') = (to_jsonb(new) - 'document' - 'csv_row' - 'geometry') then
        return new;
    end if;
    raise exception 'releases are immutable: % on % refused', tg_op, tg_table_name using errcode = 'insufficient_privilege';
end;
$$;
drop trigger release_case_no_update on release_case;
create trigger release_case_no_update before update or delete on release_case
    for each row execute function release_case_render_once();

-- 2. Pages PostgreSQL reads from an index in order and stops after `limit`: lists are ordered by the
--    typed key (event_start, public_id) of published records, one composite partial index per filter
--    that people combine with dates. The unfiltered list walks case_record_published_date_idx (V1).
create index case_record_pub_country_date_idx on case_record (country, event_start, public_id) where status = 'published';
create index case_record_pub_type_date_idx on case_record (case_type, event_start, public_id) where status = 'published';
create index case_record_pub_context_date_idx on case_record (context, event_start, public_id) where status = 'published';
create index case_record_pub_role_date_idx on case_record (weapon_3d_role, event_start, public_id) where status = 'published';
create index release_case_country_date_idx on release_case (release_id, country, event_start, public_id);
-- A record's latest revision (release cuts freeze it), found by one index probe whatever the statistics say.
create index revision_case_sequence_idx on revision (case_id, sequence);
-- The single-column indexes these replace cost every write and served only published reads.
drop index case_record_country_idx;
drop index case_record_case_type_idx;
drop index case_record_context_idx;
drop index case_record_weapon_role_idx;

-- 3. Every committed revision tells the instances on this database, which keep the last sequence in
--    memory (LISTEN armstrace_revision): answers remembered for a sequence are dropped when it moves.
--    The payload is empty, so PostgreSQL folds a transaction's notifications into one.
create function revision_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('armstrace_revision', '');
    return null;
end;
$$;
create trigger revision_notify after insert on revision
    for each statement execute function revision_notify();
-- A new release changes live answers too (the release list, the dataset's description, citations).
create trigger release_notify after insert on release
    for each statement execute function revision_notify();

-- 4. Release files are stored as they were written: their chunks are mostly text that the file's zip
--    already compresses, and compressing every 1 MiB chunk again made cutting a release slow.
alter table release_file_chunk alter column data set storage external;
