// Smoke test of the TypeScript SDK generated from openapi/openapi.yaml (generator typescript-fetch).
// tools/sdk/run.sh puts the generated sources in ./client beside this file, compiles with the pinned
// typescript and runs: node dist/sdk-smoke.js <base-url>
import { CasesApi, Configuration, ProblemFromJSON, ResponseError } from "./client";

declare const process: { argv: string[]; exit(code?: number): never };

const PAGE_SIZE = 10;
const MAX_PAGES = 1000;

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

async function walk(cases: CasesApi, country?: string[]): Promise<{ records: number; pages: number }> {
  const ids: string[] = [];
  let total: number | null = null;
  let cursor: string | undefined = undefined;
  let pages = 0;
  do {
    const page = await cases.listCases({ country, limit: PAGE_SIZE, cursor, count: true });
    pages++;
    check(page.totalCount !== null && page.totalCount !== undefined, "total_count is null with count=true");
    check(total === null || total === page.totalCount, "total_count changed between pages");
    total = page.totalCount;
    check(page.items.length <= PAGE_SIZE, "page larger than limit");
    for (const record of page.items) {
      ids.push(record.id);
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
  return { records: ids.length, pages };
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

  console.log(`sdk typescript: OK (${all.records} cases walked in ${all.pages} pages; country=FR ${fr.records}; ` +
    `${record.id} with ${record.sources.length} sources; 404 ${problemType}; csv: ${csv})`);
}

main(process.argv[2]).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
