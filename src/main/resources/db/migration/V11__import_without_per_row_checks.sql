-- An import of 100,000 records spent about 9 s of its PostgreSQL time on work that guards nothing the
-- service can do (measured on the benchmark's data, one core):
-- - a foreign-key check per written row: revision.case_id (2.8 s), revision.token_id (as much again when
--   the import has a token), case_source.case_id (2.4 s for 165,000 sources), case_count.case_id (1 s).
--   Each check is a lookup and a row lock on the record it points to. The rows are written only by the
--   service, with ids it has just read from the rows they point to (or from the caller's token), and
--   nothing they point to goes: tokens are revoked, never deleted; a case record with revisions cannot be
--   deleted (the trigger below keeps the guarantee that revision.case_id gave, and removes a deleted
--   record's sources and counts as the cascade did).
-- - revision.snapshot as jsonb: the document was parsed into jsonb (2.3 s) only to be printed back as
--   text and read by the service. It is now kept as the very text the record served (older snapshots
--   keep jsonb's printing of it; both read the same).
-- - case_source_case_idx and case_count_case_idx repeat the first column of the unique (case_id, ...)
--   indexes, which answer the same lookups.
-- - the rendered texts (one to a few kB each) are stored without PostgreSQL's compression, which found
--   nothing worth keeping in them and cost a try per row.
alter table revision drop constraint revision_case_id_fkey;
alter table revision drop constraint revision_token_id_fkey;
alter table case_source drop constraint case_source_case_id_fkey;
alter table case_count drop constraint case_count_case_id_fkey;

create function case_record_delete() returns trigger language plpgsql as $$
begin
    if exists (select 1 from revision where case_id = old.id) then
        raise exception 'case record % has revisions and cannot be deleted', old.public_id
            using errcode = 'restrict_violation';
    end if;
    delete from case_source where case_id = old.id;
    delete from case_count where case_id = old.id;
    return old;
end $$;
create trigger case_record_delete before delete on case_record
    for each row execute function case_record_delete();

drop index case_source_case_idx;
drop index case_count_case_idx;

alter table revision alter column snapshot type text using cast(snapshot as text);
alter table revision alter column snapshot set storage external;
alter table case_record alter column document set storage external,
    alter column csv_row set storage external,
    alter column geometry set storage external;
alter table release_case alter column document set storage external,
    alter column csv_row set storage external,
    alter column geometry set storage external;
