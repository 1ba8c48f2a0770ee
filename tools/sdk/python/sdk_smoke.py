"""Smoke test of the Python SDK generated from openapi/openapi.yaml (generator python).

Usage: PYTHONPATH=<generated python folder> python3 sdk_smoke.py <base-url>
"""
import re
import sys

import armstrace_client
from armstrace_client.exceptions import ApiException
from armstrace_client.models.problem import Problem

PAGE_SIZE = 10
MAX_PAGES = 1000
# The release a fresh service ships with (the seed data), its size and its files.
RELEASE = "1.1.0"
RELEASE_RECORDS = 200
RELEASE_FILES = {"cases.csv", "cases.ndjson", "cases.geojson", "sources.csv", "counts.csv", "datapackage.json",
                 "SHA256SUMS", "armstrace.zip"}


def check(ok, message):
    if not ok:
        raise AssertionError(message)


def walk(cases, country=None, release=None):
    """Follows next_cursor to the end; every id once, as many as total_count. Returns the records."""
    records, ids, total, cursor, pages = [], [], None, None, 0
    while True:
        page = cases.list_cases(country=country, limit=PAGE_SIZE, cursor=cursor, count=True, release=release)
        pages += 1
        check(page.total_count is not None, "total_count is null with count=true")
        check(total is None or total == page.total_count, "total_count changed between pages")
        total = page.total_count
        check(len(page.items) <= PAGE_SIZE, "page larger than limit")
        for record in page.items:
            ids.append(record.id)
            records.append(record)
            if country is not None:
                check(record.country in country, f"{record.id} has country {record.country}, filter {country}")
        cursor = page.next_cursor
        check(cursor is None or page.items, "empty page with a next_cursor")
        check(pages <= MAX_PAGES, f"more than {MAX_PAGES} pages")
        if cursor is None:
            break
    check(len(set(ids)) == len(ids), f"an id was seen twice: {ids}")
    check(len(ids) == total, f"walked {len(ids)} records, total_count is {total} (filter {country})")
    check(ids, f"no record for filter {country}")
    return records, pages


def not_found_problem(cases):
    try:
        cases.get_case("AT-999999")
    except ApiException as e:
        check(e.status == 404, f"AT-999999 answered {e.status}, expected 404")
        problem = e.data if isinstance(e.data, Problem) else Problem.from_json(e.body)
        check(problem.status == 404, f"problem status {problem.status}")
        check(problem.type == "/problems/not-found", f"problem type {problem.type}")
        return problem.type
    raise AssertionError("AT-999999 did not fail")


# ---- CSV export step ------------------------------------------------------------------------------
# CSV export is not part of the contract yet. Until it lands, a 406 problem is accepted too;
# once it lands, the answer must be 200 text/csv with a header row holding "id".
def csv_export_step(api_client, base_url):
    response = api_client.call_api("GET", base_url + "/v1/cases", header_params={"Accept": "text/csv"},
                                   _request_timeout=30)
    response.read()
    content_type = response.getheader("Content-Type") or ""
    if response.status == 200 and content_type.startswith("text/csv"):
        header = response.data.decode("utf-8-sig").splitlines()[0]
        check("id" in header.split(","), f"CSV header row has no id column: {header}")
        return "200 text/csv, header has id"
    if response.status == 406 and content_type.startswith("application/problem+json"):
        problem = Problem.from_json(response.data.decode("utf-8"))
        check(problem.status == 406, f"406 problem with status {problem.status}")
        return "406 problem (CSV export not implemented yet)"
    raise AssertionError(f"CSV step: unexpected {response.status} {content_type}")


# ---- releases -------------------------------------------------------------------------------------
def release_step(releases, release_list):
    versions = [r.version for r in release_list.items]
    latest = releases.get_release("latest")
    listed = next((r for r in release_list.items if r.version == latest.version), None)
    check(listed is not None, f"latest release {latest.version} is not in list_releases {versions}")
    check(listed == latest, f"latest release {latest.version} differs from its entry in list_releases")

    release = releases.get_release(RELEASE)
    check(release.version == RELEASE, f"get_release({RELEASE}) returned version {release.version}")
    check(RELEASE in versions, f"release {RELEASE} is not in list_releases {versions}")
    check(release.record_count == RELEASE_RECORDS,
          f"release {RELEASE} has record_count {release.record_count}, expected {RELEASE_RECORDS}")
    names = {f.name for f in release.files}
    check(len(release.files) == len(RELEASE_FILES) and names == RELEASE_FILES,
          f"release {RELEASE} has {len(release.files)} files {sorted(names)}, expected {sorted(RELEASE_FILES)}")
    for f in release.files:
        check(re.fullmatch(r"[0-9a-f]{64}", f.sha256), f"{f.name} has sha256 {f.sha256}")
        check(f.bytes > 0, f"{f.name} has bytes {f.bytes}")
    return release


def sha256sums_step(releases, release):
    # get_release_file returns a text/plain answer as str. Its default Accept header would be the first
    # JSON type the operation lists (application/geo+json), so ask for text/plain explicitly.
    sums = releases.get_release_file(release.version, "SHA256SUMS", _headers={"Accept": "text/plain"},
                                     _request_timeout=30)
    check(isinstance(sums, str), f"SHA256SUMS came back as {type(sums).__name__}, not text")
    sum_by_name = {}
    for line in sums.splitlines():
        match = re.fullmatch(r"([0-9a-f]{64})  ([A-Za-z0-9._-]+)", line)
        check(match, f"SHA256SUMS line is not in sha256sum format: {line!r}")
        sum_by_name[match.group(2)] = match.group(1)
    expected = next(f.sha256 for f in release.files if f.name == "cases.csv")
    check(sum_by_name.get("cases.csv") == expected,
          f"SHA256SUMS gives cases.csv {sum_by_name.get('cases.csv')}, the release metadata {expected}")


def main(base_url):
    configuration = armstrace_client.Configuration(host=base_url)
    with armstrace_client.ApiClient(configuration) as api_client:
        cases = armstrace_client.CasesApi(api_client)
        fr, _ = walk(cases, ["FR"])
        everything, all_pages = walk(cases)

        record = cases.get_case("AT-000035")
        check(record.id == "AT-000035", f"get_case returned id {record.id}")
        check(record.sources, "AT-000035 has no sources")

        problem_type = not_found_problem(cases)
        csv = csv_export_step(api_client, base_url)

        # Releases: the latest is listed; 1.1.0 (the latest shipped release) has its 200 records and 8 files.
        releases = armstrace_client.ReleasesApi(api_client)
        release_list = releases.list_releases()
        release = release_step(releases, release_list)

        # The same query pinned to release 1.1.0 (the latest) answers the same records (the service is fresh, so the
        # live data is still the shipped data).
        fr_pinned, _ = walk(cases, ["FR"], release=RELEASE)
        check(fr_pinned == fr, f"country=FR with release={RELEASE} answers {[r.id for r in fr_pinned]}, "
                               f"unpinned {[r.id for r in fr]} (or the same ids with different records)")

        # SHA256SUMS of the release, as text: its line for cases.csv has the checksum of the metadata.
        sha256sums_step(releases, release)

    print(f"sdk python: OK ({len(everything)} cases walked in {all_pages} pages; country=FR {len(fr)}; "
          f"{record.id} with {len(record.sources)} sources; 404 {problem_type}; csv: {csv}; "
          f"release {release.version}: {release.record_count} records, {len(release.files)} files, "
          f"latest of {len(release_list.items)}, country=FR pinned {len(fr_pinned)} = unpinned, SHA256SUMS matches)")


if __name__ == "__main__":
    main(sys.argv[1])
