// Smoke test of the TypeScript SDK generated from openapi/openapi.yaml (generator typescript-fetch).
// tools/sdk/run.sh puts the generated sources in ./client beside this file, compiles with the pinned
// typescript and runs: node dist/sdk-smoke.js <base-url>
import {
  CaseRecord, CaseRecordToJSON, CasesApi, Configuration, GetReleaseFileNameEnum, ProblemFromJSON, Release,
  ReleaseList, ReleaseToJSON, ReleasesApi, ResponseError,
} from "./client";

declare const process: { argv: string[]; exit(code?: number): never };

const PAGE_SIZE = 10;
const MAX_PAGES = 1000;
// The release a fresh service ships with (the seed data), its size and its files.
const RELEASE = "1.1.0";
const RELEASE_RECORDS = 200;
const RELEASE_FILES = ["cases.csv", "cases.ndjson", "cases.geojson", "sources.csv", "counts.csv", "datapackage.json",
  "SHA256SUMS", "armstrace.zip"];

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

async function walk(cases: CasesApi, country?: string[], release?: string):
    Promise<{ records: number; pages: number; items: CaseRecord[] }> {
  const items: CaseRecord[] = [];
  const ids: string[] = [];
  let total: number | null = null;
  let cursor: string | undefined = undefined;
  let pages = 0;
  do {
    const page = await cases.listCases({ country, limit: PAGE_SIZE, cursor, count: true, release });
    pages++;
    check(page.totalCount !== null && page.totalCount !== undefined, "total_count is null with count=true");
    check(total === null || total === page.totalCount, "total_count changed between pages");
    total = page.totalCount;
    check(page.items.length <= PAGE_SIZE, "page larger than limit");
    for (const record of page.items) {
      ids.push(record.id);
      items.push(record);
      if (country) {
        check(record.country !== null && country.includes(record.country),
          `${record.id} has country ${record.country}, filter ${country}`);
      }
    }
    cursor = page.nextCursor ?? undefined;
    check(cursor === undefined || page.items.length > 0, "empty page with a next_cursor");
    check(pages <= MAX_PAGES, `more than ${MAX_PAGES} pages`);
  } while (cursor !== undefined);
  check(new Set(ids).size === ids.length, `an id was seen twice: ${ids}`);
  check(ids.length === total, `walked ${ids.length} records, total_count is ${total} (filter ${country})`);
  check(ids.length > 0, `no record for filter ${country}`);
  return { records: ids.length, pages, items };
}

async function notFoundProblem(cases: CasesApi): Promise<string> {
  try {
    await cases.getCase({ id: "AT-999999" });
  } catch (e) {
    check(e instanceof ResponseError, `AT-999999 failed without an HTTP answer: ${e}`);
    check(e.response.status === 404, `AT-999999 answered ${e.response.status}, expected 404`);
    const problem = ProblemFromJSON(await e.response.json());
    check(problem.status === 404, `problem status ${problem.status}`);
    check(problem.type === "/problems/not-found", `problem type ${problem.type}`);
    return problem.type;
  }
  throw new Error("AT-999999 did not fail");
}

// ---- CSV export step -----------------------------------------------------------------------------
// CSV export is not part of the contract yet. Until it lands, a 406 problem is accepted too;
// once it lands, the answer must be 200 text/csv with a header row holding "id".
async function csvExportStep(config: Configuration): Promise<string> {
  const response = await fetch(`${config.basePath}/v1/cases`, {
    headers: { Accept: "text/csv" },
    signal: AbortSignal.timeout(30_000),
  });
  const contentType = response.headers.get("Content-Type") ?? "";
  if (response.status === 200 && contentType.startsWith("text/csv")) {
    const header = (await response.text()).replace(/^\uFEFF/, "").split(/\r?\n/)[0];
    check(header.split(",").includes("id"), `CSV header row has no id column: ${header}`);
    return "200 text/csv, header has id";
  }
  if (response.status === 406 && contentType.startsWith("application/problem+json")) {
    const problem = ProblemFromJSON(await response.json());
    check(problem.status === 406, `406 problem with status ${problem.status}`);
    return "406 problem (CSV export not implemented yet)";
  }
  throw new Error(`CSV step: unexpected ${response.status} ${contentType}`);
}

// ---- releases -----------------------------------------------------------------------------------
// Deep equality through JSON with object keys sorted: maps such as a record's `counts` have no order
// (the live answer and the release answer may list their keys differently).
const canonical = (value: unknown) => JSON.stringify(value, (_key, v) =>
  v !== null && typeof v === "object" && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v);
const sameRelease = (a: Release, b: Release) => canonical(ReleaseToJSON(a)) === canonical(ReleaseToJSON(b));
const sameRecords = (a: CaseRecord[], b: CaseRecord[]) =>
  canonical(a.map((r) => CaseRecordToJSON(r))) === canonical(b.map((r) => CaseRecordToJSON(r)));

async function releaseStep(releases: ReleasesApi, list: ReleaseList): Promise<Release> {
  const versions = list.items.map((r) => r.version);
  const latest = await releases.getRelease({ version: "latest" });
  const listed = list.items.find((r) => r.version === latest.version);
  check(listed, `latest release ${latest.version} is not in listReleases ${versions}`);
  check(sameRelease(listed, latest), `latest release ${latest.version} differs from its entry in listReleases`);

  const release = await releases.getRelease({ version: RELEASE });
  check(release.version === RELEASE, `getRelease(${RELEASE}) returned version ${release.version}`);
  check(versions.includes(RELEASE), `release ${RELEASE} is not in listReleases ${versions}`);
  check(release.recordCount === RELEASE_RECORDS,
    `release ${RELEASE} has record_count ${release.recordCount}, expected ${RELEASE_RECORDS}`);
  const names = release.files.map((f) => f.name as string).sort();
  check(JSON.stringify(names) === JSON.stringify([...RELEASE_FILES].sort()),
    `release ${RELEASE} has ${names.length} files ${names}, expected ${RELEASE_FILES}`);
  for (const f of release.files) {
    check(/^[0-9a-f]{64}$/.test(f.sha256), `${f.name} has sha256 ${f.sha256}`);
    check(f.bytes > 0, `${f.name} has bytes ${f.bytes}`);
  }
  return release;
}

// getReleaseFile returns a body that is not JSON (here text/plain) as a string.
async function sha256sumsStep(releases: ReleasesApi, release: Release): Promise<void> {
  const sums = await releases.getReleaseFile({ version: release.version, name: GetReleaseFileNameEnum.Sha256Sums },
    { signal: AbortSignal.timeout(30_000) });
  check(typeof sums === "string", `SHA256SUMS came back as ${typeof sums}, not text`);
  const sumByName = new Map<string, string>();
  for (const line of sums.replace(/\n$/, "").split("\n")) {
    const match = /^([0-9a-f]{64})  ([A-Za-z0-9._-]+)$/.exec(line);
    check(match, `SHA256SUMS line is not in sha256sum format: ${JSON.stringify(line)}`);
    sumByName.set(match[2], match[1]);
  }
  const expected = release.files.find((f) => f.name === "cases.csv")?.sha256;
  check(expected && sumByName.get("cases.csv") === expected,
    `SHA256SUMS gives cases.csv ${sumByName.get("cases.csv")}, the release metadata ${expected}`);
}

async function main(baseUrl: string): Promise<void> {
  const config = new Configuration({ basePath: baseUrl });
  const cases = new CasesApi(config);
  const fr = await walk(cases, ["FR"]);
  const all = await walk(cases);

  const record = await cases.getCase({ id: "AT-000035" });
  check(record.id === "AT-000035", `getCase returned id ${record.id}`);
  check(record.sources.length > 0, "AT-000035 has no sources");

  const problemType = await notFoundProblem(cases);
  const csv = await csvExportStep(config);

  // Releases: the latest is listed; 1.1.0 (the latest shipped release) has its 200 records and 8 files.
  const releases = new ReleasesApi(config);
  const releaseList = await releases.listReleases();
  const release = await releaseStep(releases, releaseList);

  // The same query pinned to release 1.1.0 (the latest) answers the same records (the service is fresh, so the live
  // data is still the shipped data).
  const frPinned = await walk(cases, ["FR"], RELEASE);
  check(sameRecords(frPinned.items, fr.items), `country=FR with release=${RELEASE} answers ` +
    `${frPinned.items.map((r) => r.id)}, unpinned ${fr.items.map((r) => r.id)} (or the same ids with different records)`);

  // SHA256SUMS of the release, as text: its line for cases.csv has the checksum of the metadata.
  await sha256sumsStep(releases, release);

  console.log(`sdk typescript: OK (${all.records} cases walked in ${all.pages} pages; country=FR ${fr.records}; ` +
    `${record.id} with ${record.sources.length} sources; 404 ${problemType}; csv: ${csv}; ` +
    `release ${release.version}: ${release.recordCount} records, ${release.files.length} files, ` +
    `latest of ${releaseList.items.length}, country=FR pinned ${frPinned.records} = unpinned, SHA256SUMS matches)`);
}

main(process.argv[2]).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
