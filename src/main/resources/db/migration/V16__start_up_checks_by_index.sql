-- Every start asks whether any row still needs a backfill (RenderBackfill, SearchBackfill): a live record
-- without a rendition (written before V13), a release row cut before rendered reads without texts or a
-- rendition (before V7), a rendition without search text (a database from before V5, left so by V15).
-- Without an index each question read its whole table: about 120 ms warm and 230 ms at a start for
-- 100,000 records and one release of them, growing with every release cut. These partial indexes hold only
-- the rows that need work (none, once the backfills have run), so each question is an empty index scan,
-- and they cost a write nothing but the test of their condition.
create index case_record_unrendered_idx on case_record (id) where rendition_id is null;
create index release_case_unrendered_idx on release_case (id) where document is null and rendition_id is null;
create index rendition_search_unsearchable_idx on rendition_search (rendition_id) where search_main = '';
