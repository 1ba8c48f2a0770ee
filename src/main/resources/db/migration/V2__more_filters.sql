-- Indexes for the filters added with the codebook: legal status, confidence, uncertainty,
-- payment methods, source types, coordinates.
create index case_record_legal_status_idx on case_record (legal_status);
create index case_record_confidence_idx on case_record (confidence);
create index case_record_uncertain_idx on case_record (uncertain);
create index case_record_payment_methods_idx on case_record using gin (payment_methods);
create index case_record_has_coordinates_idx on case_record ((latitude is not null));
create index case_source_type_idx on case_source (source_type, case_id);
create index case_source_case_idx on case_source (case_id);
create index case_count_case_idx on case_count (case_id);
