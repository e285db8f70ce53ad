"""Issue 11, deliverable 7: a province's worth of data (13,000 and 28,500 report files).

    python benchmarks/run.py --only scale          # both sizes (generated once, ~1 min)
    python benchmarks/scale.py --sizes 13000       # the same, standalone; --before DIR times another tree

Each command runs once per repetition (default 2, medians shown), as `python -m dehong_cli`, its output
to /dev/null; peak memory is the largest resident set of the command and its workers, from the kernel
(`os.wait4`, the same figure as `resource.getrusage(RUSAGE_CHILDREN)` for one child). `--before DIR`
runs the `dehong_cli` package found in DIR instead (a copy of an older tree), to compare.

Data sets (under benchmarks/.data/scale-<n>/): the shipped catalogue with a province (530000) and
synthetic prefectures of 9 counties each appended, each region with its `parent`, so that the plan's
prefecture keeps its 5 real counties; every region × 2016-2025, all valid. The catalogue also lists
40 new counties with no report yet. The import sheet is 10,000 rows (年份, 地区, 指标, 数值) for those
40 counties × 10 years, imported with --dry-run --replace into the same catalogue with an empty
reports/ folder and into the full one: the same work, but for the folder it lists. A second sheet
of 10,000 rows merges into 400 reports already there (for information: it also reads them).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    DATA,
    MIB,
    PY,
    ROOT,
    SHIPPED,
    Command,
    Region,
    catalogue_series,
    environment,
    run_once,
    stamp,
    write_reports,
)

SIZES = (13_000, 28_500)
YEARS = range(2016, 2026)
SCALE_VERSION = 2
NEW_COUNTIES = 40  # in the catalogue, without reports: the sheet's regions
COUNTY = "533103"  # 芒市: `status --region` reads its files only


def scale_regions(total: int) -> list[Region]:
    """A province and synthetic prefectures (9 counties each) up to `total` regions with the shipped 6."""
    extra = [Region("530000", "云南省", "Yunnan Province", "province")]
    p = 0
    while len(extra) < total - 6:
        base = 700000 + p * 100
        extra.append(Region(str(base), f"试验州{p:03d}", f"Test Prefecture {p:03d}", "prefecture"))
        for k in range(1, 10):
            if len(extra) < total - 6:
                extra.append(
                    Region(str(base + k), f"试验州{p:03d}第{k}县", f"Test {p:03d} county {k}", "county")
                )
        p += 1
    return extra


def parent_of(region: Region) -> str:
    if region.level == "province":
        return ""
    if region.code.startswith("799"):
        return "530000"
    return "530000" if region.level == "prefecture" else region.code[:4] + "00"


def with_parents(targets_text: str, extra: list[Region]) -> str:
    """The shipped catalogue with `extra` appended to its regions, each naming its parent."""
    block = "".join(
        f"  - code: '{r.code}'\n    name: {r.name}\n    name_en: {r.name_en}\n    level: {r.level}\n"
        + (f"    parent: '{parent_of(r)}'\n" if parent_of(r) else "")
        for r in extra
    )
    head, sep, tail = targets_text.partition("\nstrands:\n")
    assert sep, "targets.yaml has no top-level strands: key"
    return head + "\n" + block.rstrip("\n") + sep + tail


def new_counties() -> list[Region]:
    return [
        Region(str(799000 + i), f"新设县{i:02d}", f"New County {i:02d}", "county")
        for i in range(1, NEW_COUNTIES + 1)
    ]


def sheet_text(extra: list[Region], seed: int = 7) -> str:
    _, series = catalogue_series(SHIPPED / "targets.yaml")
    # not the components of a ratio: replacing them would break the ratio reported beside them
    usable = [s for s in series if s.role in ("indicator", "subject", "companion") and s.ratio_of is None]
    rng = random.Random(seed)
    lines = ["年份,地区,指标,数值"]
    keys = [(y, r.code) for r in extra[1:] for y in YEARS]
    rng.shuffle(keys)
    for year, code in keys:
        for s in usable:
            if len(lines) > 10_000:
                return "\n".join(lines) + "\n"
            value = rng.randint(0, 400) if s.unit == "count" else round(rng.uniform(20, 60), 1)
            lines.append(f"{year},{code},{s.id},{value}")
    return "\n".join(lines) + "\n"


def generate(size: int) -> Path:
    folder = DATA / f"scale-{size}"
    marker = folder / "STAMP"
    want = f"scale {SCALE_VERSION} " + stamp()
    if marker.is_file() and marker.read_text() == want:
        return folder
    t0 = time.perf_counter()
    print(f"generating {folder.relative_to(ROOT)}/ ...", file=sys.stderr, flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shipped, series = catalogue_series(SHIPPED / "targets.yaml")
    extra = scale_regions(size // len(YEARS))
    targets = with_parents((SHIPPED / "targets.yaml").read_text(encoding="utf-8"), extra + new_counties())
    (folder / "targets.yaml").write_text(targets, encoding="utf-8")
    write_reports(folder / "reports", [*shipped, *extra], YEARS, series, seed=size)
    empty = folder / "empty"
    empty.mkdir()
    (empty / "targets.yaml").write_text(targets, encoding="utf-8")
    # new reports (regions without any yet), and figures merged into reports already there
    (folder / "sheet.csv").write_text(sheet_text([Region("", "", "", ""), *new_counties()]), encoding="utf-8")
    (folder / "sheet-existing.csv").write_text(sheet_text(extra), encoding="utf-8")
    marker.write_text(want)
    print(f"  done in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return folder


@dataclass
class Measured:
    label: str
    seconds: float
    peak: int
    exits: list[int]
    cpu: float = 0.0


def commands(folder: Path, out: Path) -> list[tuple[str, list[str], int]]:
    d = ["--data-dir", str(folder)]
    sheet = str(folder / "sheet.csv")
    return [
        ("validate", ["validate", *d], 0),
        ("status", ["status", *d], 0),
        ("status --region 芒市", ["status", "--region", COUNTY, *d], 0),
        ("export --format csv", ["export", *d], 0),
        ("export --format xlsx", ["export", "--format", "xlsx", "--output", str(out), *d], 0),
        (
            "import, empty folder",
            ["import", sheet, "--dry-run", "--replace", "--data-dir", str(folder / "empty")],
            0,
        ),
        ("import, full folder", ["import", sheet, "--dry-run", "--replace", *d], 0),
        (
            "import into existing reports",
            ["import", str(folder / "sheet-existing.csv"), "--dry-run", "--replace", *d],
            0,
        ),
    ]


def measure(folder: Path, reps: int, tree: Path | None, only: set[str] | None) -> list[Measured]:
    os.environ["PYTHONPATH"] = str(tree or ROOT)  # environment() copies os.environ
    out = Path(os.environ.get("TMPDIR", "/tmp")) / "dehong-scale-export.xlsx"
    results = []
    for label, args, expected in commands(folder, out):
        if only and not any(label.startswith(o) for o in only):
            continue
        # run from the tree timed: `python -m` puts the working folder first on sys.path
        cmd = Command(label, [PY, "-m", "dehong_cli", *args], cwd=tree or ROOT)
        runs = [run_once(cmd) for _ in range(reps)]
        exits = [r.exit_code for r in runs]
        if any(e != expected for e in exits):
            print(f"  {label}: exit {exits}: {runs[-1].stderr.strip()[-300:]}", file=sys.stderr)
        results.append(
            Measured(
                label,
                statistics.median(r.seconds for r in runs),
                max(r.maxrss for r in runs),
                exits,
                statistics.median(r.cpu for r in runs),
            )
        )
        m = results[-1]
        print(f"  {label}: {m.seconds:.2f} s, {m.cpu:.2f} s CPU, {m.peak / MIB:.0f} MiB", file=sys.stderr)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="report files per data set")
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--before", type=Path, help="a folder holding another dehong_cli/ to time instead")
    parser.add_argument("--only", help="comma-separated command labels (prefixes) to run")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    environment()  # the same environment run.py gives every command
    print("| files | command | time | CPU | peak RSS |\n|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        folder = generate(size)
        for m in measure(folder, args.reps, args.before, only):
            row = f"| {size:,} | `{m.label}` | {m.seconds:.2f} s | {m.cpu:.2f} s | {m.peak / MIB:.0f} MiB |"
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
