-- Full-text search: the application writes the text to search (accents folded), PostgreSQL keeps a
-- weighted tsvector of it (summary and outcome weigh more than places, agencies and sources).
alter table case_record
    add column search_main  text not null default '',
    add column search_extra text not null default '';
alter table case_record
    add column search tsvector generated always as (
        setweight(to_tsvector('english', search_main), 'A') || setweight(to_tsvector('english', search_extra), 'B')
    ) stored;
create index case_record_search_idx on case_record using gin (search);
