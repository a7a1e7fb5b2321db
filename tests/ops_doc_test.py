#!/usr/bin/env python3
# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
"""Keeps docs/ops.md in step with the op registry of a liteforge build.

Usage: ops_doc_test.py LITEFORGE_BINARY DOCS_OPS_MD

Runs `LITEFORGE_BINARY ops --json` and reads every Markdown table row of the
doc whose first cell is a backticked name. Those rows are the doc's claim of
what the build runs. The test fails, listing every difference, when
  * a registered builtin op has no row, or its row shows other versions
    ("min–max" with an en dash, or a single number when min == max);
  * a registered custom op has no row;
  * a row names an op the build does not register, or names one twice;
  * a table does not have the columns | Op | Versions | Types | Notes |;
  * the "Not yet supported" section names an op the build registers.
Rows under a "Not yet supported" heading are not claims of support.
"""

import json
import re
import subprocess
import sys

EXPECTED_HEADER = ["Op", "Versions", "Types", "Notes"]
EN_DASH = "\u2013"
# What a custom op's Versions cell may hold: custom ops carry no version.
NO_VERSION = {"", "\u2014", "-", EN_DASH, "n/a"}

NAME_CELL = re.compile(r"^`([A-Za-z0-9_]+)`$")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
BACKTICKED = re.compile(r"`([A-Za-z0-9_]+)`")
FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def split_row(line):
    """Cells of a Markdown table row, stripped; None if not a table row."""
    text = line.strip()
    if not text.startswith("|"):
        return None
    text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells = re.split(r"(?<!\\)\|", text)
    return [c.strip() for c in cells]


def is_separator(cells):
    return all(re.fullmatch(r":?-{3,}:?", c.replace(" ", "")) for c in cells)


def format_versions(lo, hi):
    return str(lo) if lo == hi else f"{lo}{EN_DASH}{hi}"


def normalize_versions(cell):
    """Collapses whitespace and a leading 'v' so "1 – 8" and "v1–v8" compare."""
    cell = re.sub(r"\s+", "", cell)
    return re.sub(r"(^|[^A-Za-z])v(\d)", r"\1\2", cell)


def load_registry(binary):
    try:
        out = subprocess.run([binary, "ops", "--json"], check=True, capture_output=True,
                             text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError) as e:
        sys.exit(f"ops_doc_test: cannot run '{binary} ops --json': {e}")
    try:
        data = json.loads(out)
        builtin = {o["op"]: (int(o["min_version"]), int(o["max_version"]))
                   for o in data["builtin"]}
        custom = set(data["custom"])
    except (ValueError, KeyError, TypeError) as e:
        sys.exit(f"ops_doc_test: unexpected output of '{binary} ops --json': {e}")
    return builtin, custom


def parse_doc(path):
    """Returns (rows, unsupported_names, problems).

    rows: list of (line_no, name, versions_cell) for supported-op rows.
    unsupported_names: {name: line_no} backticked in a "Not yet supported" section.
    """
    rows, unsupported, problems = [], {}, []
    in_unsupported = False
    in_fence = False
    prev_was_row = False
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for no, line in enumerate(lines, 1):
        if FENCE.match(line):
            in_fence = not in_fence
            prev_was_row = False
            continue
        if in_fence:
            continue
        m = HEADING.match(line)
        if m:
            in_unsupported = "not yet supported" in m.group(1).lower() or \
                "unsupported" in m.group(1).lower()
            prev_was_row = False
            continue
        cells = split_row(line)
        if cells is None:
            if in_unsupported:
                for name in BACKTICKED.findall(line):
                    unsupported.setdefault(name, no)
            prev_was_row = False
            continue
        starts_table = not prev_was_row
        prev_was_row = True
        if starts_table:
            if cells != EXPECTED_HEADER and not in_unsupported:
                problems.append(f"line {no}: table header is {cells}, expected "
                                f"| {' | '.join(EXPECTED_HEADER)} |")
            continue
        if is_separator(cells):
            continue
        m = NAME_CELL.match(cells[0])
        if not m:
            continue
        if in_unsupported:
            unsupported.setdefault(m.group(1), no)
            continue
        if len(cells) != len(EXPECTED_HEADER):
            problems.append(f"line {no}: row for {m.group(1)} has {len(cells)} cells, "
                            f"expected {len(EXPECTED_HEADER)}")
        versions = cells[1] if len(cells) > 1 else ""
        rows.append((no, m.group(1), versions))
    return rows, unsupported, problems


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: ops_doc_test.py LITEFORGE_BINARY DOCS_OPS_MD")
    binary, doc = argv[1], argv[2]
    builtin, custom = load_registry(binary)
    if not builtin:
        sys.exit("ops_doc_test: the build registers no builtin ops; is this the right binary?")
    try:
        rows, unsupported, problems = parse_doc(doc)
    except OSError as e:
        sys.exit(f"ops_doc_test: cannot read {doc}: {e}")

    seen = {}
    for no, name, versions in rows:
        if name in seen:
            problems.append(f"line {no}: {name} is listed again (first at line {seen[name]})")
            continue
        seen[name] = no
        if name in builtin:
            lo, hi = builtin[name]
            want = format_versions(lo, hi)
            got = normalize_versions(versions)
            if got != want:
                hint = ""
                if got.replace("-", EN_DASH) == want:
                    hint = " (use an en dash \u2013, not a hyphen)"
                elif lo == hi and got == f"{lo}{EN_DASH}{hi}":
                    hint = " (write a single number when min == max)"
                problems.append(f"line {no}: {name} shows versions '{versions}', the build "
                                f"registers '{want}'{hint}")
        elif name in custom:
            if versions.strip().lower() not in NO_VERSION:
                problems.append(f"line {no}: custom op {name} shows versions '{versions}'; "
                                "custom ops have none (write \u2014)")
        else:
            problems.append(f"line {no}: {name} is listed as supported but this build does "
                            "not register it")

    for name in sorted(set(builtin) - set(seen)):
        lo, hi = builtin[name]
        problems.append(f"builtin op {name} (versions {format_versions(lo, hi)}) is registered "
                        "but missing from the tables")
    for name in sorted(custom - set(seen)):
        problems.append(f"custom op {name} is registered but missing from the tables")
    for name, no in sorted(unsupported.items(), key=lambda kv: kv[1]):
        if name in builtin or name in custom:
            problems.append(f"line {no}: {name} is under 'Not yet supported' but this build "
                            "registers it")

    if problems:
        print(f"ops_doc_test: {doc} does not match '{binary} ops --json' "
              f"({len(problems)} difference(s)):")
        for p in problems:
            print(f"  - {p}")
        return 1
    print(f"ops_doc_test: OK, {len(builtin)} builtin and {len(custom)} custom ops documented "
          "with matching versions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
