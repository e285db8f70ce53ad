"""Run the sheet corpus (tests/corpus/sheet_expectations.toml) through `dehong` and say what it does.

    python benchmarks/sheet_corpus_probe.py                 # every case, from the repository root
    python benchmarks/sheet_corpus_probe.py lock-symlink xlsx-dimension-xfd
    python benchmarks/sheet_corpus_probe.py --timeout 180 --memory-gib 16 xlsx-empty-rows-bomb

Each run is a subprocess of the `dehong` console script beside this interpreter, with a wall-clock
limit (--timeout, default 60 s: a hang is reported as such) and an address-space limit
(--memory-gib, default 8), its peak RSS taken from os.wait4. For each run it prints the exit code,
the time, the peak memory, the first error line, and every way the outcome differs from the
expectation (sheet_cases.check). Before issue 13 most cases differ: that is the point. The
implementation's behavioural test makes them all agree.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from corpus import sheet_cases  # noqa: E402


def run_one(
    argv: list[str], stdin: Path | None, timeout: float, memory: int
) -> tuple[int | str, float, float, str, str]:
    """(exit code or 'timeout'/'killed', seconds, peak MiB, stdout, stdout+stderr) of one command."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        src = stdin.open("rb") if stdin else subprocess.DEVNULL

        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

        env = dict(os.environ, COLUMNS="120", NO_COLOR="1", DEHONG_LOCK_TIMEOUT="5")
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdin=src, stdout=out, stderr=err, preexec_fn=limit, env=env)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            proc.send_signal(signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        if src is not subprocess.DEVNULL:
            src.close()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        both = stdout + err.read().decode("utf-8", "replace")
        code: int | str = proc.returncode
        if timed_out.is_set():
            code = "timeout"
        elif proc.returncode < 0:
            code = f"signal {-proc.returncode}"
        return code, seconds, usage.ru_maxrss / 1024, stdout, both


def first_error(output: str) -> str:
    for line in output.splitlines():
        if "error" in line or "Error" in line:
            return line.strip()[:150]
    lines = [line for line in output.splitlines() if line.strip()]
    return lines[-1][:150] if lines else ""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--memory-gib", type=float, default=8.0)
    args = parser.parse_args()
    dehong = shutil.which("dehong", path=str(Path(sys.executable).parent))
    if dehong is None:
        sys.exit("no dehong beside this interpreter: pip install -e '.[dev]'")
    cases = sheet_cases.load()
    names = args.cases or list(cases)
    agree = 0
    for name in names:
        case = cases[name]
        with tempfile.TemporaryDirectory(prefix="sheet-probe-") as tmp:
            try:
                work = sheet_cases.prepare(case, Path(tmp))
            except sheet_cases.Unavailable as exc:
                print(f"## {name}: skipped ({exc})\n")
                continue
            print(f"## {name}  ({case.bullet})")
            ok = True
            for run in case.runs:
                before = sheet_cases.snapshot(work.data)
                argv = [dehong, *work.argv(run)]
                stdin = work.file if run.stdin else None
                code, seconds, mib, stdout, output = run_one(
                    argv, stdin, args.timeout, int(args.memory_gib * 1024**3)
                )
                exit_code = code if isinstance(code, int) else -1
                outcome = sheet_cases.Outcome(exit_code, output, stdout)
                problems = sheet_cases.check(work, run, outcome, before)
                if run.max_seconds is not None and seconds > run.max_seconds:
                    problems.append(f"{seconds:.1f} s > {run.max_seconds} s")
                if run.max_mib is not None and mib > run.max_mib:
                    problems.append(f"{mib:.0f} MiB > {run.max_mib} MiB")
                ok = ok and not problems
                shown = " ".join(a.replace(tmp, "T") for a in argv[1:])
                print(f"- `dehong {shown}`: exit {code}, {seconds:.2f} s, {mib:.0f} MiB")
                print(f"  - said: {first_error(output).replace(tmp, 'T')}")
                verdict = "as expected" if not problems else "differs: " + "; ".join(problems)
                print(f"  - {verdict.replace(tmp, 'T')}")
            agree += ok
            print()
    print(f"{agree} of {len(names)} cases as expected")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
