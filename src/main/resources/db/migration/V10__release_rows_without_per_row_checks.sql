-- A release cut freezes every published record in one statement (release_case), then their sources and
-- counts (release_source, release_count). Each foreign key on those rows ran a check per row: five checks
-- that took 6.5 s of a 100,000-record cut (about 100,000 to 166,000 lookups each, and a row lock on every
-- record and revision they point to). They guard nothing that can happen:
-- - the rows are written only by the cut, selected in the same statement from the very rows they point to;
-- - nothing they point to can go: releases and their rows refuse update and delete (release_is_immutable,
--   release_case_render_once), revisions are append-only (revision_is_append_only), and a case record with
--   revisions cannot be deleted (revision.case_id references it).
-- The release files and the list of releases point to their release as before (release_file keeps its keys).
alter table release_case drop constraint release_case_release_id_fkey;
alter table release_case drop constraint release_case_record_id_fkey;
alter table release_case drop constraint release_case_revision_sequence_fkey;
alter table release_source drop constraint release_source_case_id_fkey;
alter table release_count drop constraint release_count_case_id_fkey;
