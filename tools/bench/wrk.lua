-- wrk script of tools/bench/run.sh: one summary line a run ("RESULT rps=... p99_ms=..."), and, with
-- IDS_FILE set, requests for records picked at random (fixed SEED, default 7) among the ids in that
-- file (one a line), at PATH_TEMPLATE with {id} where the id goes:
--   IDS_FILE=ids.txt PATH_TEMPLATE='/v1/cases/{id}' wrk -t1 -c16 -d20s -s wrk.lua http://127.0.0.1:PORT
-- Without IDS_FILE the URL is asked as it is.
-- With one wrk thread there is one Lua state, so the sequence of ids is the same every run.
local ids_file = os.getenv("IDS_FILE")
local ids = {}
local template

if ids_file and #ids_file > 0 then
  for line in io.lines(ids_file) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  assert(#ids > 0, "no ids in " .. ids_file)
  math.randomseed(tonumber(os.getenv("SEED") or "7"))
  template = os.getenv("PATH_TEMPLATE") or "/v1/cases/{id}"
  request = function()
    local path = template:gsub("{id}", ids[math.random(#ids)])
    return wrk.format("GET", path)
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "non2xx=%d connect=%d read=%d write=%d timeout=%d bytes=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout, summary.bytes))
end
