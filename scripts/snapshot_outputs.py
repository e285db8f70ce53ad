"""Record what dehong prints on the shipped data, so a refactor can be shown to change nothing.

    python scripts/snapshot_outputs.py OUTDIR      # then: diff -r BEFORE AFTER

Each command runs as `python -m dehong_cli` on a fresh copy of `data/`, so imports write into the copy;
stdout, stderr and exit code go to one file per command, and files an import writes are copied too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SHEET = "指标,数值,来源\n国家高新技术企业,11,科技局\n培养创客,1500,科技局\ngdp,400,统计局\n"

COMMANDS: list[tuple[str, list[str]]] = [
    ("status", ["status"]),
    ("status-en", ["status", "--lang", "en"]),
    ("status-json", ["status", "--format", "json"]),
    ("status-csv", ["status", "--format", "csv"]),
    ("status-md", ["status", "--format", "markdown"]),
    ("status-2018", ["status", "--year", "2018"]),
    ("status-2020", ["status", "--year", "2020"]),
    ("status-mangshi", ["status", "--region", "芒市"]),
    ("status-strand", ["status", "--strand", "investment", "--lang", "en"]),
    ("status-failon", ["status", "--fail-on", "limited"]),
    ("show-hte", ["show", "national_high_tech_enterprises"]),
    ("show-hte-en", ["show", "national_high_tech_enterprises", "--lang", "en"]),
    ("show-hte-json", ["show", "national_high_tech_enterprises", "--format", "json"]),
    ("show-fiscal", ["show", "fiscal_st_spending_growth"]),
    ("show-makers", ["show", "培养创客"]),
    ("show-unknown", ["show", "nonsense"]),
    ("validate", ["validate"]),
    ("validate-json", ["validate", "--format", "json"]),
    ("validate-strict", ["validate", "--strict"]),
    ("targets", ["targets"]),
    ("targets-en", ["targets", "--lang", "en"]),
    ("tasks", ["tasks"]),
    ("export-csv", ["export"]),
    ("export-json", ["export", "--format", "json"]),
    ("export-status", ["export", "--format", "json", "--with-status"]),
    ("schema-report", ["schema", "report"]),
    ("import-dry", ["import", "SHEET", "--year", "2019", "--dry-run"]),
    ("import-conflict", ["import", "SHEET", "--year", "2019"]),
    ("import-new", ["import", "SHEET", "--year", "2020"]),
    ("import-again", ["import", "SHEET", "--year", "2020"]),
    ("import-json", ["import", "SHEET", "--year", "2020", "--format", "json"]),
    ("status-after-import", ["status"]),
]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_ACTIONS", None)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        sheet = Path(tmp) / "sheet.csv"
        sheet.write_text(SHEET, encoding="utf-8")
        for name, args in COMMANDS:
            argv = [str(sheet) if a == "SHEET" else a for a in args]
            proc = subprocess.run(
                [sys.executable, "-m", "dehong_cli", *argv, "--data-dir", str(data)],
                capture_output=True,
                text=True,
                env=env,
                cwd=tmp,
                check=False,
            )
            text = (
                f"$ dehong {' '.join(args)}\nexit {proc.returncode}\n"
                f"--- stdout\n{proc.stdout}--- stderr\n{proc.stderr}"
            )
            (out / f"{name}.txt").write_text(text.replace(tmp, "<TMP>"), encoding="utf-8")
        shutil.copytree(data / "reports", out / "reports-after")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
