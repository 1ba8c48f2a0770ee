# Smoke test of the R client generated from openapi/openapi.yaml (generator r, library httr2).
#
# Usage: R_LIBS=<library holding armstraceclient> Rscript sdk_smoke.R <base-url>
#
# Two habits of the generated client (OpenAPI Generator 7.25.0) shape this program:
# - an operation with optional parameters that default to NULL (list_cases, list_releases) must be
#   called as <operation>_with_http_info(...)$content: the short form passes every parameter on, NULL
#   ones included, and the long form then refuses them as "not nullable";
# - R logicals go out as TRUE and FALSE, which the API takes as well as true and false.
suppressPackageStartupMessages(library(armstraceclient))

PAGE_SIZE <- 10
MAX_PAGES <- 1000
# The release a fresh service ships with (the seed data), its size and its files.
RELEASE <- "1.1.0"
RELEASE_RECORDS <- 200
RELEASE_FILES <- c("cases.csv", "cases.ndjson", "cases.geojson", "sources.csv", "counts.csv",
                   "datapackage.json", "SHA256SUMS", "armstrace.zip")

check <- function(ok, ...) if (!isTRUE(ok)) stop(paste0(...), call. = FALSE)

# Follows next_cursor to the end; every id once, as many as total_count. Returns the records.
walk <- function(cases, country = NULL, release = NULL) {
  records <- list(); total <- NULL; cursor <- NULL; pages <- 0
  repeat {
    args <- list(limit = PAGE_SIZE, count = TRUE)
    if (!is.null(country)) args$country <- country
    if (!is.null(release)) args$release <- release
    if (!is.null(cursor)) args$cursor <- cursor
    page <- do.call(cases$list_cases_with_http_info, args)$content
    pages <- pages + 1
    check(inherits(page, "CaseList"), "list_cases did not answer a CaseList")
    check(!is.null(page$total_count), "total_count is null with count = TRUE")
    check(is.null(total) || total == page$total_count, "total_count changed between pages")
    total <- page$total_count
    check(length(page$items) <= PAGE_SIZE, "page larger than limit")
    for (record in page$items) {
      if (!is.null(country)) {
        check(record$country %in% country, record$id, " has country ", record$country, ", filter ", country)
      }
      records[[length(records) + 1]] <- record
    }
    cursor <- page$next_cursor                     # NA (or NULL) on the last page
    if (length(cursor) == 0 || is.na(cursor)) cursor <- NULL
    check(is.null(cursor) || length(page$items) > 0, "empty page with a next_cursor")
    check(pages <= MAX_PAGES, "more than ", MAX_PAGES, " pages")
    if (is.null(cursor)) break
  }
  ids <- vapply(records, function(r) r$id, "")
  check(!anyDuplicated(ids), "an id was seen twice: ", paste(ids, collapse = " "))
  check(length(ids) == total, "walked ", length(ids), " records, total_count is ", total)
  check(length(ids) > 0, "no record for filter ", paste(country, collapse = ","))
  list(records = records, ids = ids, pages = pages)
}

not_found_problem <- function(cases) {
  caught <- tryCatch({
    cases$get_case("AT-999999")
    NULL
  }, ApiException = function(e) e$ApiException)
  check(!is.null(caught), "AT-999999 did not fail")
  check(caught$status == 404, "AT-999999 answered ", caught$status, ", expected 404")
  problem <- caught$error_object
  check(inherits(problem, "Problem"), "the 404 carries no Problem")
  check(problem$status == 404, "problem status ", problem$status)
  check(problem$type == "/problems/not-found", "problem type ", problem$type)
  problem$type
}

# The CSV export of one filter, straight into a data frame.
csv_step <- function(cases, expected_ids) {
  resp <- cases$list_cases_with_http_info(country = "FR", format = "csv", .parse = FALSE)
  check(resp$status_code == 200, "CSV export answered ", resp$status_code)
  content_type <- resp$headers[["content-type"]]
  check(startsWith(content_type, "text/csv"), "CSV export has Content-Type ", content_type)
  frame <- read.csv(text = resp$content, stringsAsFactors = FALSE)
  check(identical(sort(frame$id), sort(expected_ids)), "CSV ids ", paste(frame$id, collapse = " "),
        ", JSON ids ", paste(expected_ids, collapse = " "))
  sprintf("200 text/csv, %d rows x %d columns", nrow(frame), ncol(frame))
}

release_step <- function(releases, release_list) {
  versions <- vapply(release_list$items, function(r) r$version, "")
  latest <- releases$get_release("latest")
  check(latest$version %in% versions, "latest release ", latest$version, " is not listed")
  release <- releases$get_release(RELEASE)
  check(release$version == RELEASE, "get_release(", RELEASE, ") returned ", release$version)
  check(RELEASE %in% versions, "release ", RELEASE, " is not listed: ", paste(versions, collapse = " "))
  check(release$record_count == RELEASE_RECORDS, "release ", RELEASE, " has record_count ", release$record_count)
  names <- vapply(release$files, function(f) f$name, "")
  check(setequal(names, RELEASE_FILES) && length(names) == length(RELEASE_FILES),
        "release files ", paste(names, collapse = " "))
  for (f in release$files) {
    check(grepl("^[0-9a-f]{64}$", f$sha256), f$name, " has sha256 ", f$sha256)
    check(f$bytes > 0, f$name, " has bytes ", f$bytes)
  }
  release
}

sha256sums_step <- function(releases, release) {
  resp <- releases$get_release_file_with_http_info(release$version, "SHA256SUMS", .parse = FALSE)
  check(resp$status_code == 200, "SHA256SUMS answered ", resp$status_code)
  lines <- strsplit(resp$content, "\n", fixed = TRUE)[[1]]
  check(all(grepl("^[0-9a-f]{64}  [A-Za-z0-9._-]+$", lines)), "SHA256SUMS is not in sha256sum format")
  sums <- setNames(sub("  .*", "", lines), sub("^[0-9a-f]{64}  ", "", lines))
  expected <- Filter(function(f) f$name == "cases.csv", release$files)[[1]]$sha256
  check(identical(unname(sums["cases.csv"]), expected),
        "SHA256SUMS gives cases.csv ", sums["cases.csv"], ", the release metadata ", expected)
}

main <- function(base_url) {
  client <- ApiClient$new(base_path = base_url)
  cases <- CasesApi$new(client)
  fr <- walk(cases, "FR")
  everything <- walk(cases)

  record <- cases$get_case("AT-000035")
  check(inherits(record, "CaseRecord") && record$id == "AT-000035", "get_case returned ", record$id)
  check(length(record$sources) > 0, "AT-000035 has no sources")

  problem_type <- not_found_problem(cases)
  csv <- csv_step(cases, fr$ids)

  releases <- ReleasesApi$new(client)
  release_list <- releases$list_releases_with_http_info()$content
  release <- release_step(releases, release_list)

  # The same query pinned to release 1.1.0 (the latest) answers the same records (the service is fresh, so the
  # live data is still the shipped data).
  pinned <- walk(cases, "FR", release = RELEASE)
  json <- function(records) vapply(records, function(r) r$toJSONString(), "")
  check(identical(json(pinned$records), json(fr$records)), "country=FR with release=", RELEASE,
        " answers ", paste(pinned$ids, collapse = " "), ", unpinned ", paste(fr$ids, collapse = " "))

  sha256sums_step(releases, release)

  cat(sprintf(paste0("sdk r: OK (%d cases walked in %d pages; country=FR %d; %s with %d sources; 404 %s; ",
                     "csv: %s; release %s: %d records, %d files, latest of %d, country=FR pinned %d = unpinned, ",
                     "SHA256SUMS matches)\n"),
              length(everything$ids), everything$pages, length(fr$ids), record$id, length(record$sources),
              problem_type, csv, release$version, release$record_count, length(release$files),
              length(release_list$items), length(pinned$ids)))
}

main(commandArgs(trailingOnly = TRUE)[1])
