"""The yardstick of issues 6 and 9: a trivial two-command Typer app that imports the same stack.

    python benchmarks/trivial_typer_app.py table --rows 31
    python benchmarks/trivial_typer_app.py hello --name world

`table` draws a 31-row rich table (as many rows as `dehong status` has goals) to stdout;
`dehong status` is held to 1.25x its time. Whatever this app costs above the bare imports is
Typer's own dispatch and rich's drawing: the floor of any Typer CLI that prints a table.
"""

from __future__ import annotations

# The same stack as the bare-imports baseline, imported for its cost alone.
import pydantic  # noqa: F401
import rich.console  # noqa: TID251
import rich.table  # noqa: TID251
import typer
import yaml  # noqa: F401

app = typer.Typer(add_completion=False)


@app.command()
def table(rows: int = 31) -> None:
    """Draw a table of `rows` rows, six columns, like a status table."""
    grid = rich.table.Table("indicator", "target", "latest (year)", "gap", "progress", "status")
    for i in range(rows):
        grid.add_row(f"goal number {i}", f">= {i * 10}", f"{i * 7} (2019)", f"{i * 3}", "█" * (i % 10), "ok")
    rich.console.Console(width=100).print(grid)


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


if __name__ == "__main__":
    app()
