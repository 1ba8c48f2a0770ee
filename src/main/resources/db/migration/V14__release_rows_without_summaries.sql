-- A release's rows copied each record's summary (about 300 bytes of a 1 kB row) only so that a search
-- pinned to the release could mark its matches in a snippet. Copying it was about 1.2-1.5 s of the
-- 5-8 s that freezing 100,000 records took. From this version a release row keeps no summary: a pinned
-- snippet reads the summary from the row's rendition (the document it serves), which holds the same text.
-- Rows of releases cut before keep theirs, and snippets read it first (CaseScope.summary).
alter table release_case alter column summary drop not null;
