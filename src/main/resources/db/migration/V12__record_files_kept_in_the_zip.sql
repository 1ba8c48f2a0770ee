-- A release's files were stored twice: each whole, and again inside armstrace.zip. For 100,000 records
-- that is about 380 MB of files beside a 49 MB zip in the database and in every backup, and 5.5 s of the
-- cut spent storing them. From this version the five files of records (cases.csv, cases.ndjson,
-- cases.geojson, sources.csv, counts.csv) are kept only inside the stored zip: zip_offset is where the
-- file's entry starts in it, and a download inflates that entry, which gives back exactly the bytes that
-- were written (the zip's CRC-32 checks them on the way; bytes and sha256 are kept here as before).
-- Files of releases cut before keep their own chunks and have no offset.
alter table release_file add column zip_offset bigint check (zip_offset >= 0);
