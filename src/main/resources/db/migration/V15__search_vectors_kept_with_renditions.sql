-- What full-text search sees moves from the live row to the rendition (see docs/performance.md).
--
-- Until now every live record kept its search text and tsvector in its row, and a release cut copied that
-- tsvector into each frozen row and into the GIN index over every release's rows: about 2 s of a 5-s freeze
-- of 100,000 records. The text to search is part of what a change leaves (summary, outcome, places,
-- agencies and sources, as that change left them), so from this version it is written once with the
-- rendition, its tsvector is derived there, and the live row and a release row both search through their
-- rendition_id. A release cut copies no tsvector.
--
-- - rendition.search_main / search_extra: the texts (null for renditions written before this version that
--   no live record points to: nothing searches them, see below); search: their weighted tsvector.
-- - case_record loses its texts and tsvector: a live search is rendition_id in the renditions that match.
-- - release_case.search: rows of releases cut before this version keep theirs (a pinned search reads it
--   first); rows cut from now on have none.
alter table rendition add column search_main text, add column search_extra text;

-- the live records' renditions take their search texts (renditions are otherwise never changed)
alter table rendition disable trigger rendition_no_update;
update rendition d set search_main = c.search_main, search_extra = c.search_extra
    from case_record c where c.rendition_id = d.id;
alter table rendition enable trigger rendition_no_update;

alter table rendition add column search tsvector generated always as (
    setweight(to_tsvector('english', search_main), 'A') || setweight(to_tsvector('english', search_extra), 'B')
) stored;
create index rendition_search_idx on rendition using gin (search);

alter table case_record drop column search, drop column search_main, drop column search_extra;

alter table release_case alter column search drop not null;
