-- What full-text search sees moves from the live row to the rendition (see docs/performance.md).
--
-- Until now every live record kept its search text and tsvector in its row, and a release cut copied that
-- tsvector into each frozen row and into the GIN index over every release's rows: about 2 s of a 5-s freeze
-- of 100,000 records. The text to search is part of what a change leaves (summary, outcome, places,
-- agencies and sources, as that change left them), so from this version it is written once, beside the
-- rendition, its tsvector derived there, and the live row and a release row both search through their
-- rendition_id. A release cut copies no tsvector.
--
-- - rendition_search: a rendition's search texts and their weighted tsvector, in a narrow table of its own
--   (a search that must read every match, to count or rank them, reads about 600 bytes a row instead of
--   the 3-4 kB of a rendition's row); written with the rendition and never changed, like it. Renditions
--   written before this version that no live record points to have none: nothing searches them (below).
-- - case_record loses its search texts and tsvector: a live search is rendition_id in the renditions that
--   match.
-- - release_case.search: rows of releases cut before this version keep theirs (a pinned search reads it
--   first); rows cut from now on have none.
create table rendition_search (
    rendition_id bigint primary key,
    search_main  text not null,
    search_extra text not null,
    search       tsvector generated always as (
        setweight(to_tsvector('english', search_main), 'A') || setweight(to_tsvector('english', search_extra), 'B')
    ) stored
);
create trigger rendition_search_no_update before update or delete on rendition_search
    for each row execute function rendition_is_immutable();
create trigger rendition_search_no_truncate before truncate on rendition_search
    for each statement execute function rendition_is_immutable();

insert into rendition_search (rendition_id, search_main, search_extra)
    select rendition_id, search_main, search_extra from case_record where rendition_id is not null;
create index rendition_search_idx on rendition_search using gin (search);

alter table case_record drop column search, drop column search_main, drop column search_extra;

alter table release_case alter column search drop not null;
