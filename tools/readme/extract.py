"""Extracts the fenced code blocks of README.md into runnable files (used by tools/readme/run.sh).

Usage: python3 extract.py <README.md> <out-dir> <base-url>

Every fenced block must say its language. A block in a language we run (sh, python, ts, java, r)
runs, unless the nearest non-blank line above its fence is a marker with a reason:

    <!-- not run: starts the service itself -->

Blocks in other known languages that are not programs (text, json, ...) are listed as "not code".
A block with no language or an unknown language is an error: each new block has to be either run
or marked. Writes one file per block to run (NN-<lang>.<ext>) and <out-dir>/manifest.tsv:
number, language, README line, "run" | "not run" | "not code", reason, file ("-" when empty).
"""
import re
import sys
from pathlib import Path

RUN = {"sh": "sh", "bash": "sh", "shell": "sh", "python": "python", "py": "python", "ts": "ts",
       "typescript": "ts", "java": "java", "r": "r"}
NOT_CODE = {"text", "txt", "json", "jsonc", "csv", "tsv", "yaml", "yml", "xml", "http", "diff", "mermaid", "plain",
            "bibtex", "ris", "cff"}
EXTENSION = {"sh": "sh", "python": "py", "ts": "ts", "java": "java", "r": "R"}
FENCE = re.compile(r"^(`{3,}|~{3,})\s*([A-Za-z0-9_+-]*)\s*$")
MARKER = re.compile(r"^\s*<!--\s*not run:\s*(.*?)\s*-->\s*$")
README_BASE = "http://localhost:8080"
NAME = "README.md"  # for messages; main() sets the file's name


def blocks(lines):
    """(language, README line of the opening fence, marker reason or None, code) for every fenced block."""
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, language, start = match.group(1), match.group(2).lower(), i
        j = i + 1
        while j < len(lines) and not (lines[j].strip().startswith(fence[0] * len(fence))
                                      and lines[j].strip().strip(fence[0]) == ""):
            j += 1
        if j == len(lines):
            raise SystemExit(f"{NAME}:{start + 1}: the block opened here is never closed")
        k = start - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        marker = MARKER.match(lines[k]) if k >= 0 else None
        reason = marker.group(1) if marker else None
        if marker and not reason:
            raise SystemExit(f"{NAME}:{k + 1}: a 'not run' marker needs a reason")
        yield language, start + 1, reason, lines[start + 1:j]
        i = j + 1


def wrap_ts(code):
    """Imports stay on top; the rest runs in an async function (the examples use await)."""
    imports = [line for line in code if line.startswith("import ")]
    body = [line for line in code if not line.startswith("import ")]
    return imports + ["", "(async () => {"] + ["  " + line for line in body] + [
        "})();  // a rejection ends node with status 1"]


def wrap_java(code, name):
    """A class around the statements, with the generated client's packages imported."""
    return ["import java.util.*;", "import org.armstrace.client.*;", "import org.armstrace.client.api.*;",
            "import org.armstrace.client.model.*;", "", f"public class {name} {{",
            "  public static void main(String[] args) throws Exception {"] + [
        "    " + line for line in code] + ["  }", "}"]


def main(readme, out, base_url):
    global NAME
    NAME = Path(readme).name
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    manifest, errors = [], []
    for number, (language, line, reason, code) in enumerate(blocks(Path(readme).read_text("utf-8").splitlines()), 1):
        kind = RUN.get(language)
        if kind is None:
            if language in NOT_CODE:
                manifest.append((number, language, line, "not code", "", ""))
            else:
                errors.append(f"{NAME}:{line}: block with {'no language' if not language else 'language ' + language}"
                              f"; give it one of {', '.join(sorted(set(RUN) | NOT_CODE))}")
            continue
        if reason is not None:
            manifest.append((number, kind, line, "not run", reason, ""))
            continue
        code = [text.replace(README_BASE, base_url) for text in code]
        name = f"{number:02d}-{kind}.{EXTENSION[kind]}"
        if kind == "ts":
            code = wrap_ts(code)
        elif kind == "java":
            name = f"Readme{number:02d}.java"
            code = wrap_java(code, f"Readme{number:02d}")
        (out / name).write_text("\n".join(code) + "\n", "utf-8")
        manifest.append((number, kind, line, "run", "", name))
    if errors:
        raise SystemExit("\n".join(errors))
    with open(out / "manifest.tsv", "w", encoding="utf-8") as f:
        for row in manifest:
            f.write("\t".join(str(v) or "-" for v in row) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
