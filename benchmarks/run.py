"""Benchmarks of issue 6: start-up, status, validate at scale, memory, refusal of a huge file.

    python benchmarks/run.py            # from the repository root, with the venv's python
    python benchmarks/run.py --quick    # fewer repetitions, check-jsonschema on 1,000 files
    python benchmarks/run.py --only startup,validate
    python benchmarks/run.py --only scale   # issue 11: 13,000 and 28,500 files (minutes; see scale.py)

Every measurement runs in alternation with its baseline, in the same run, and is reported
as a median and as a ratio to the baseline's median: ratios, not milliseconds, are what
carry from one machine to another. `dehong` is run the way a user runs it: the console
script that `pip install` put beside this interpreter.

The data sets are generated under benchmarks/.data/ (gitignored) on the first run and
whenever the generator or the shipped catalogue changes. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
DATA = HERE / ".data"
SHIPPED = ROOT / "data"
MINIMAL = HERE / "minimal_validate.py"
BIN = Path(sys.executable).parent
PY = sys.executable
MIB = 1024 * 1024

GENERATOR_VERSION = 5  # bump whenever the generated files change

# ---------------------------------------------------------------------------- data sets

HOME = "533100"  # the plan's region: its reports are <year>.yaml, every other region's <year>-<code>.yaml
# The 15 other prefecture-level divisions of Yunnan (real codes and names); their counties are
# synthetic (8 each, codes <prefix>02..09). Dehong keeps its real 5 counties from the catalogue.
PREFECTURES = [
    ("530100", "昆明市", "Kunming"),
    ("530300", "曲靖市", "Qujing"),
    ("530400", "玉溪市", "Yuxi"),
    ("530500", "保山市", "Baoshan"),
    ("530600", "昭通市", "Zhaotong"),
    ("530700", "丽江市", "Lijiang"),
    ("530800", "普洱市", "Pu'er"),
    ("530900", "临沧市", "Lincang"),
    ("532300", "楚雄州", "Chuxiong"),
    ("532500", "红河州", "Honghe"),
    ("532600", "文山州", "Wenshan"),
    ("532800", "西双版纳州", "Xishuangbanna"),
    ("532900", "大理州", "Dali"),
    ("533300", "怒江州", "Nujiang"),
    ("533400", "迪庆州", "Diqing"),
]
PROVINCE_YEARS = range(2016, 2031)  # as the issue asks; 2026-2030 lie past the catalogue's last year
TEN_K_YEARS = range(2016, 2026)  # every year the catalogue accepts: 1,000 regions x 10 years
SOURCES = ["统计局《国民经济和社会发展统计公报》", "科技局年度统计", "财政局决算报表", "工信委统计快报"]
NOTES = ["含试验区数据", "初步统计数", "按新口径调整", "据部门快报"]


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    name_en: str
    level: str


@dataclass(frozen=True)
class Series:
    id: str
    unit: str  # percent, count, money, none
    role: str  # indicator, numerator, denominator, subject, companion, qualitative
    ratio_of: tuple[str, str] | None = None  # for a ratio indicator: (numerator id, denominator id)


def catalogue_series(targets: Path) -> tuple[list[Region], list[Series]]:
    cat = yaml.load(targets.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    regions = [Region(str(r["code"]), r["name"], r["name_en"], r["level"]) for r in cat["regions"]]
    series: list[Series] = []
    for ind in cat["indicators"]:
        comps = {c["role"]: c for c in ind["components"]}
        for comp in ind["components"]:
            series.append(Series(comp["id"], comp["unit"], comp["role"]))
        if ind["accrual"] == "qualitative":
            series.append(Series(ind["id"], "none", "qualitative"))
        elif ind["accrual"] != "growth_vs":  # a growth goal is reported through its components
            ratio = (comps["numerator"]["id"], comps["denominator"]["id"]) if "numerator" in comps else None
            series.append(Series(ind["id"], ind["unit"], "indicator", ratio))
    return regions, series


def with_regions(targets_text: str, extra: Sequence[Region]) -> str:
    """The shipped catalogue, unchanged but for more regions appended to its list."""
    block = "".join(
        f"  - code: '{r.code}'\n    name: {r.name}\n    name_en: {r.name_en}\n    level: {r.level}\n"
        for r in extra
    )
    head, sep, tail = targets_text.partition("\nstrands:\n")
    assert sep, "targets.yaml has no top-level strands: key"
    return head + "\n" + block.rstrip("\n") + sep + tail


def report_text(rng: random.Random, year: int, region: Region, series: Sequence[Series]) -> str:
    """One real-sized report: every series of the catalogue, some with source and note."""
    figures: dict[str, float | int] = {}
    lines = [
        f"# {year}年 {region.name} 创新驱动发展主要指标",
        f"# 填报: {region.name}科技局; 审核: {region.name}统计局",
        f"year: {year}",
        f"region: '{region.code}'",
        f"provenance: {rng.choice(['official', 'official', 'estimate'])}",
        f"source: {region.name}{rng.choice(SOURCES)}({year}年)",
        f"note: 本表数据截至{year + 1}年3月; 增量指标为当年新增数",
        "values:",
    ]
    for s in series:
        if s.role == "qualitative":
            lines.append(f"  {s.id}: {{value: null, note: 全省排名第{rng.randint(1, 16)}位}}")
            continue
        if s.ratio_of:
            num, den = (figures[c] for c in s.ratio_of)
            value: float | int = round(num / den * 100, 2)
        elif s.unit == "count":
            value = rng.randint(0, 400)
        elif s.unit == "percent":
            value = round(rng.uniform(20, 60), 1)
        elif s.role == "denominator":
            value = round(rng.uniform(200, 900), 2)
        else:
            value = round(rng.uniform(1, 90), 2)
        figures[s.id] = value
        kind = rng.random()
        if kind < 0.55:
            lines.append(f"  {s.id}: {value}")
        elif kind < 0.85:
            lines.append(f"  {s.id}: {{value: {value}, source: {region.name}{rng.choice(SOURCES)}}}")
        else:
            lines += [
                f"  {s.id}:",
                f"    value: {value}",
                f"    source: {region.name}{rng.choice(SOURCES)}",
                f"    note: {rng.choice(NOTES)}",
            ]
    return "\n".join(lines) + "\n"


def report_name(year: int, code: str) -> str:
    return f"{year}.yaml" if code == HOME else f"{year}-{code}.yaml"


def write_reports(
    folder: Path, regions: Sequence[Region], years: Sequence[int], series: Sequence[Series], seed: int
) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for region in regions:
        for year in years:
            text = report_text(rng, year, region, series)
            (folder / report_name(year, region.code)).write_text(text, encoding="utf-8")
    return len(regions) * len(years)


def province_regions(shipped: Sequence[Region]) -> list[Region]:
    extra = []
    for code, name, name_en in PREFECTURES:
        extra.append(Region(code, name, name_en, "prefecture"))
        for k in range(2, 10):
            extra.append(
                Region(f"{code[:4]}{k:02d}", f"{name}第{k - 1}县", f"{name_en} county {k - 1}", "county")
            )
    return extra


def synthetic_counties(count: int) -> list[Region]:
    return [
        Region(f"539{i:03d}", f"试验县{i:03d}", f"Test County {i:03d}", "county") for i in range(1, count + 1)
    ]


def stamp() -> str:
    digest = hashlib.sha256((SHIPPED / "targets.yaml").read_bytes()).hexdigest()[:16]
    return f"generator {GENERATOR_VERSION}, targets.yaml {digest}\n"


def generate(force: bool = False) -> None:
    """Write every data set under benchmarks/.data/, unless it is already there and current."""
    marker = DATA / "STAMP"
    if not force and marker.is_file() and marker.read_text() == stamp():
        return
    t0 = time.perf_counter()
    print(f"generating data sets under {DATA.relative_to(ROOT)}/ ...", file=sys.stderr, flush=True)
    shutil.rmtree(DATA, ignore_errors=True)
    targets_text = (SHIPPED / "targets.yaml").read_text(encoding="utf-8")
    shipped_regions, series = catalogue_series(SHIPPED / "targets.yaml")

    # province: 16 prefectures with their counties x 2016-2030, one catalogue listing every region
    extra = province_regions(shipped_regions)
    province = DATA / "province"
    province.mkdir(parents=True)
    (province / "targets.yaml").write_text(with_regions(targets_text, extra), encoding="utf-8")
    write_reports(province / "reports", [*shipped_regions, *extra], PROVINCE_YEARS, series, seed=1)

    # 10k: 1,000 regions (the 6 real ones and 994 synthetic counties) x 2016-2025, all valid
    extra = synthetic_counties(1000 - len(shipped_regions))
    ten_k = DATA / "10k"
    ten_k.mkdir()
    (ten_k / "targets.yaml").write_text(with_regions(targets_text, extra), encoding="utf-8")
    regions = [*shipped_regions, *extra]
    write_reports(ten_k / "reports", regions, TEN_K_YEARS, series, seed=2)

    # 1k: the first 100 of those regions, same catalogue: memory at 1,000 files against 10,000
    one_k = DATA / "1k"
    (one_k / "reports").mkdir(parents=True)
    shutil.copy(ten_k / "targets.yaml", one_k / "targets.yaml")
    for region in regions[:100]:
        for year in TEN_K_YEARS:
            name = report_name(year, region.code)
            shutil.copy(ten_k / "reports" / name, one_k / "reports" / name)

    # big: the shipped catalogue and one 6 MB report; small: the same with a real-sized one
    for name, size in (("big", 6 * MIB), ("small", 0)):
        folder = DATA / name / "reports"
        folder.mkdir(parents=True)
        shutil.copy(SHIPPED / "targets.yaml", folder.parent / "targets.yaml")
        text = report_text(random.Random(3), 2018, shipped_regions[0], series)
        if size:
            filler = "这是一段很长的说明文字。" * (size // 36 + 1)
            text += f"# {filler}\n"
        (folder / "2018.yaml").write_text(text, encoding="utf-8")

    marker.write_text(stamp())
    print(f"  done in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def write_schema(dehong: str, data_dir: Path) -> Path:
    """The JSON Schema check-jsonschema validates against: dehong's own, made afresh each run."""
    text = subprocess.run(
        [dehong, "schema", "report", "--data-dir", str(data_dir)], capture_output=True, check=True
    ).stdout.decode("utf-8")
    path = data_dir / "report.schema.json"
    path.write_text(complete_schema(text), encoding="utf-8")
    return path


def complete_schema(text: str) -> str:
    """`dehong schema report`, with its `$defs` put back if it refers to them but left them out.

    (dehong 0.1.0 drops `$defs` yet keeps `"$ref": "#/$defs/Provenance"`, which check-jsonschema
    rightly refuses; the definitions are the Report model's own.)
    """
    schema = json.loads(text)
    if "#/$defs/" in text and "$defs" not in schema:
        from dehong_cli.model.report import Report

        schema["$defs"] = Report.model_json_schema()["$defs"]
        print("  note: `dehong schema report` refers to $defs it does not contain; added", file=sys.stderr)
    return json.dumps(schema, ensure_ascii=False, indent=2)


# ------------------------------------------------------------------------------ running


@dataclass
class Run:
    seconds: float
    exit_code: int
    maxrss: int  # bytes: the largest process of the tree (the command or one of its workers)
    tree_peak: int = 0  # bytes: the largest sum of PSS over the whole process tree, when sampled
    stderr: str = ""
    cpu: float = 0.0  # seconds of CPU, user and system, of the command and the workers it waited for


@dataclass
class Command:
    label: str
    argv: list[str]
    cwd: Path = ROOT
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def shell(self) -> str:
        words = [_short(a) for a in self.argv]
        if len(words) > 8:
            words = [*words[:6], f"... ({len(words) - 6} more)"]
        where = f"(in {_short(str(self.cwd))}) " if self.cwd != ROOT else ""
        return where + " ".join(words)


def _short(arg: str) -> str:
    for prefix, name in ((str(BIN) + "/", ""), (str(ROOT) + "/", ""), (PY, "python")):
        if arg.startswith(prefix):
            return name + arg[len(prefix) :]
    return f'"{arg}"' if " " in arg else arg


def environment() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("GITHUB_ACTIONS", "DEHONG_DATA_DIR", "FORCE_COLOR", "PYTHONPROFILEIMPORTTIME"):
        env.pop(name, None)
    return env


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return pids


def _pss(pid: int) -> int:
    """Proportional set size: each page shared by n processes counts 1/n, so a tree's sum is real."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def run_once(cmd: Command, *, sample: bool = False) -> Run:
    """Run once; time it, and take its peak memory from the kernel (wait4) or by sampling /proc."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd.argv,
            cwd=cmd.cwd,
            env=environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        peak = [0]
        if sample:

            def watch() -> None:
                while proc.returncode is None:
                    peak[0] = max(peak[0], sum(_pss(p) for p in _tree(proc.pid)))
                    time.sleep(0.005)

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sample:
            watcher.join()
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, proc.returncode, usage.ru_maxrss * 1024, peak[0], tail, cpu)


def alternate(commands: Sequence[Command], reps: int, *, sample: bool = False) -> None:
    """Warm up once, then run each command `reps` times, interleaved: a, b, c, a, b, c, ..."""
    for cmd in commands:
        run_once(cmd)
    for _ in range(reps):
        for cmd in commands:
            cmd.runs.append(run_once(cmd, sample=sample))
        print(".", end="", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------ results


@dataclass
class Row:
    name: str
    value: str
    baseline: str
    ratio: str
    goal: str
    met: bool | None  # None: no goal, shown for information

    @property
    def verdict(self) -> str:
        return "" if self.met is None else ("yes" if self.met else "NO")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def ratio_row(name: str, cmd: Command, base: Command, limit: float | None) -> Row:
    """cmd's median over base's; met when at most `limit` (no limit: shown for information)."""
    r = cmd.median / base.median
    # three decimals where two would round onto the limit and hide which side it is on
    shown = f"{r:.3f}x" if limit is not None and round(r, 2) == limit else f"{r:.2f}x"
    return Row(
        name,
        ms(cmd.median),
        f"{ms(base.median)} {base.label}",
        shown,
        f"<= {limit}x" if limit else "",
        None if limit is None else r <= limit,
    )


def check_exits(cmd: Command, expected: int, notes: list[str]) -> None:
    bad = [r for r in cmd.runs if r.exit_code != expected]
    if bad:
        notes.append(
            f"{cmd.label}: exit {bad[0].exit_code} (expected {expected}): {bad[0].stderr.strip()[-300:]}"
        )


def last_line(cmd: Command) -> str:
    lines = cmd.runs[-1].stderr.strip().splitlines() if cmd.runs else []
    return lines[-1] if lines else ""


# ----------------------------------------------------------------------------- benchmarks


@dataclass
class Context:
    dehong: str
    reps: int
    heavy_reps: int
    quick: bool
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    commands: list[Command] = field(default_factory=list)

    def cmds(self, *cmds: Command) -> tuple[Command, ...]:
        self.commands.extend(cmds)
        return cmds


def bench_startup(ctx: Context) -> None:
    base, version, help_, typer_ = ctx.cmds(
        Command("python -c pass", [PY, "-c", "pass"]),
        Command("dehong --version", [ctx.dehong, "--version"]),
        Command("dehong --help", [ctx.dehong, "--help"]),
        Command("import typer", [PY, "-c", "import typer"]),
    )
    alternate([base, version, help_, typer_], ctx.reps)
    for cmd in (version, help_):
        check_exits(cmd, 0, ctx.notes)
        ctx.rows.append(ratio_row(cmd.label, cmd, base, 5.0))
    ctx.rows.append(ratio_row("  (python -c 'import typer')", typer_, base, None))
    # issue 9's yardstick: Typer's own import is the floor; dehong may add 15% to it
    ctx.rows.append(ratio_row("dehong --version vs import typer", version, typer_, 1.15))


IMPORTS = "import typer, pydantic, yaml, rich.console, rich.table"


def bench_status(ctx: Context) -> None:
    probe = subprocess.run([ctx.dehong, "status", "--help"], capture_output=True, env=environment())
    if probe.returncode != 0:
        ctx.rows.append(
            Row("dehong status (shipped data)", "skipped: not available", "", "", "<= 1.3x", None)
        )
        return
    base, status, trivial = ctx.cmds(
        Command("bare imports", [PY, "-c", IMPORTS]),
        Command("dehong status", [ctx.dehong, "status", "--data-dir", str(SHIPPED)]),
        Command("trivial Typer app", [PY, str(HERE / "trivial_typer_app.py"), "table", "--rows", "31"]),
    )
    alternate([base, status, trivial], ctx.reps)
    check_exits(status, 0, ctx.notes)
    check_exits(trivial, 0, ctx.notes)
    ctx.rows.append(ratio_row("dehong status (shipped data)", status, base, 1.3))
    ctx.rows.append(ratio_row("  (trivial Typer app, 31-row table)", trivial, base, None))
    # issue 9's yardstick: the same stack drawing a table of the same size; dehong may add 25%
    ctx.rows.append(ratio_row("dehong status vs trivial app", status, trivial, 1.25))


def bench_validate(ctx: Context) -> None:
    ten_k = DATA / "10k"
    minimal, validate = ctx.cmds(
        Command("minimal script", [PY, str(MINIMAL), str(ten_k / "reports")]),
        Command("dehong validate 10k", [ctx.dehong, "validate", "--data-dir", str(ten_k)]),
    )
    alternate([minimal, validate], ctx.heavy_reps)
    check_exits(minimal, 0, ctx.notes)
    check_exits(validate, 0, ctx.notes)
    ctx.rows.append(ratio_row("dehong validate, 10,000 files", validate, minimal, 1.0))
    ctx.notes.append(f"dehong validate 10k said: {last_line(validate)}")

    cj = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    if cj is None:
        ctx.rows.append(Row("  vs check-jsonschema", "skipped: not installed", "", "", ">= 10x", None))
        return
    if ctx.quick:  # about 45 s a run at 10,000 files: --quick compares on the 1,000-file set
        folder = DATA / "1k"
        (ours,) = ctx.cmds(Command("dehong validate 1k", [ctx.dehong, "validate", "--data-dir", str(folder)]))
    else:
        folder, ours = ten_k, validate
    files = sorted(p.name for p in (folder / "reports").glob("*.yaml"))
    (check,) = ctx.cmds(
        Command(
            "check-jsonschema",
            [cj, "--schemafile", str(write_schema(ctx.dehong, ten_k)), *files],
            cwd=folder / "reports",
        )
    )
    alternate([check, ours] if ctx.quick else [check], 1 if ctx.quick else max(1, ctx.heavy_reps // 2))
    check_exits(check, 0, ctx.notes)
    r = check.median / ours.median
    ctx.rows.append(
        Row(
            f"check-jsonschema, same {len(files):,} files",
            ms(check.median),
            f"{ms(ours.median)} {ours.label}",
            f"{r:.1f}x",
            ">= 10x faster",
            r >= 10,
        )
    )


def bench_province(ctx: Context) -> None:
    province = DATA / "province"
    minimal, validate = ctx.cmds(
        Command("minimal script", [PY, str(MINIMAL), str(province / "reports")]),
        Command("dehong validate province", [ctx.dehong, "validate", "--data-dir", str(province)]),
    )
    alternate([minimal, validate], ctx.heavy_reps)
    check_exits(validate, 1, ctx.notes)  # the reports for 2026-2030 are past the catalogue's last year
    files = len(list((province / "reports").glob("*.yaml")))
    ctx.rows.append(ratio_row(f"dehong validate, province ({files:,} files)", validate, minimal, None))
    ctx.notes.append(f"dehong validate province said: {last_line(validate)}")


def bench_memory(ctx: Context) -> None:
    one_k, ten_k = ctx.cmds(
        Command("validate 1k", [ctx.dehong, "validate", "--data-dir", str(DATA / "1k")]),
        Command("validate 10k", [ctx.dehong, "validate", "--data-dir", str(DATA / "10k")]),
    )
    alternate([one_k, ten_k], 1 if ctx.quick else 3, sample=True)
    for cmd in (one_k, ten_k):
        check_exits(cmd, 0, ctx.notes)
    small = max(r.maxrss for r in one_k.runs)
    large = max(r.maxrss for r in ten_k.runs)
    growth = large / small
    ctx.rows.append(
        Row(
            "validate peak RSS, largest process, 10,000 files",
            f"{large / MIB:.1f} MiB",
            f"{small / MIB:.1f} MiB at 1,000 files",
            f"{growth:.2f}x",
            "<= 100 MiB, flat",
            large <= 100 * MIB and growth <= 1.2,
        )
    )
    small_tree = max(r.tree_peak for r in one_k.runs)
    large_tree = max(r.tree_peak for r in ten_k.runs)
    ctx.rows.append(
        Row(
            "validate peak PSS, whole tree (sampled), 10,000 files",
            f"{large_tree / MIB:.1f} MiB",
            f"{small_tree / MIB:.1f} MiB at 1,000 files",
            f"{large_tree / small_tree:.2f}x",
            "",
            None,
        )
    )


def bench_refusal(ctx: Context) -> None:
    small, big = ctx.cmds(
        Command("validate, one 3 KB report", [ctx.dehong, "validate", "--data-dir", str(DATA / "small")]),
        Command("validate, one 6 MB report", [ctx.dehong, "validate", "--data-dir", str(DATA / "big")]),
    )
    alternate([small, big], ctx.reps)
    check_exits(small, 0, ctx.notes)
    check_exits(big, 1, ctx.notes)
    if "too-large" not in (big.runs[-1].stderr if big.runs else "") and big.runs:
        out = subprocess.run(big.argv, capture_output=True, text=True, env=environment()).stdout
        if "too-large" not in out:
            ctx.notes.append("the 6 MB report was not refused as too-large")
    row = ratio_row("refusal of a 6 MB file: whole command", big, small, None)
    row.goal, row.met = "< 0.1 s", big.median < 0.1
    ctx.rows.append(row)
    # The refusal itself, inside the process: from asking for the file to the DataError.
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from dehong_cli.files.yaml_read import load\n"
        "from dehong_cli.errors import DataError\n"
        "t = time.perf_counter()\n"
        "try:\n"
        "    load(Path(sys.argv[1]))\n"
        "except DataError as exc:\n"
        "    assert exc.diagnostics[0].code == 'too-large'\n"
        "print(time.perf_counter() - t)\n"
    )
    times = []
    for _ in range(ctx.reps):
        out = subprocess.run(
            [PY, "-c", code, str(DATA / "big" / "reports" / "2018.yaml")],
            capture_output=True,
            text=True,
            check=True,
            env=environment(),
        )
        times.append(float(out.stdout))
    t = statistics.median(times)
    ctx.rows.append(
        Row("refusal of a 6 MB file: yaml_read.load", f"{t * 1e6:,.0f} µs", "", "", "< 0.1 s", t < 0.1)
    )


def bench_scale(ctx: Context) -> None:
    """Issue 11: a province's worth of files (benchmarks/scale.py); not in the default run."""
    import scale  # beside this script; it imports this module, so only when asked for

    for size in scale.SIZES:
        found = {m.label: m for m in scale.measure(scale.generate(size), ctx.heavy_reps, None, None)}
        validate, empty = found["validate"], found["import, empty folder"]
        for label, m in found.items():
            if label.startswith("import"):
                base, limit, goal = empty, 2.0, label == "import, full folder"
            else:
                base, limit, goal = validate, 3.0, m is not validate
            ctx.rows.append(
                Row(
                    f"{label}, {size:,} files ({m.peak / MIB:.0f} MiB)",
                    ms(m.seconds),
                    f"{ms(base.seconds)} {base.label}",
                    f"{m.seconds / base.seconds:.2f}x",
                    f"<= {limit}x" if goal else "",
                    m.seconds / base.seconds <= limit if goal else None,
                )
            )


BENCHMARKS: dict[str, Callable[[Context], None]] = {
    "startup": bench_startup,
    "status": bench_status,
    "validate": bench_validate,
    "province": bench_province,
    "memory": bench_memory,
    "refusal": bench_refusal,
    "scale": bench_scale,  # minutes: only with --only scale
}


# -------------------------------------------------------------------------------- report


def machine() -> list[str]:
    cpu, mhz = "unknown", ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and cpu == "unknown":
                cpu = line.split(":", 1)[1].strip()
            elif line.startswith("cpu MHz") and not mhz:
                mhz = f" at {float(line.split(':', 1)[1]):.0f} MHz"
    except (OSError, ValueError):
        pass
    cpu += mhz
    versions = []
    for dist in ("dehong", "typer", "pydantic", "pydantic-core", "PyYAML", "rich", "check-jsonschema"):
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist} (not installed)")
    libyaml = getattr(yaml, "__with_libyaml__", False)
    return [
        f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}",
        f"system: {platform.system()} {platform.release()}, Python {platform.python_version()} "
        f"({platform.python_implementation()}), libyaml {'yes' if libyaml else 'NO'}",
        "packages: " + ", ".join(versions),
    ]


def table(rows: Sequence[Row]) -> str:
    header = ("measurement", "median", "baseline (median)", "ratio", "goal", "met")
    cells = [header] + [(r.name, r.value, r.baseline, r.ratio, r.goal, r.verdict) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (7 and 2)")
    parser.add_argument("--reps", type=int, help="repetitions of the fast commands (default 21; --quick 7)")
    parser.add_argument(
        "--heavy-reps", type=int, help="repetitions of validate at scale (default 5; --quick 2)"
    )
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--regenerate", action="store_true", help="write the data sets again")
    parser.add_argument("--commands", action="store_true", help="list the exact commands that were timed")
    args = parser.parse_args(argv)

    dehong = shutil.which("dehong", path=str(BIN))
    if dehong is None:
        print(f"no dehong console script beside {PY}: pip install -e . first", file=sys.stderr)
        return 2
    chosen = args.only.split(",") if args.only else [b for b in BENCHMARKS if b != "scale"]
    unknown = [c for c in chosen if c not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    # What `pip install` does for a regular install: without it, an editable install under
    # PYTHONDONTWRITEBYTECODE=1 (as on our CI machines) compiles every module on every run.
    compileall.compile_dir(ROOT / "dehong_cli", quiet=1)
    generate(force=args.regenerate)
    load_before = os.getloadavg()[0]
    if load_before > 0.5:
        print(f"warning: load average {load_before:.2f}: other work will skew the times", file=sys.stderr)
    ctx = Context(
        dehong=dehong,
        reps=args.reps or (7 if args.quick else 21),
        heavy_reps=args.heavy_reps or (2 if args.quick else 5),
        quick=args.quick,
    )
    for name in chosen:
        print(f"{name} ", end="", file=sys.stderr, flush=True)
        BENCHMARKS[name](ctx)
        print(file=sys.stderr)
    print("\n".join(machine()))
    print(f"load average (1 min): {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
    print(f"repetitions: {ctx.reps} (start-up, status, refusal), {ctx.heavy_reps} (validate at scale)\n")
    print(table(ctx.rows))
    for note in ctx.notes:
        print(f"- {note}")
    if args.commands:
        print("\ncommands:")
        for cmd in ctx.commands:
            print(f"  {cmd.label}: {cmd.shell}")
    return 0 if all(r.met is not False for r in ctx.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
