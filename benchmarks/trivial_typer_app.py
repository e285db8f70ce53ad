"""The yardstick of issue 6: a trivial two-command Typer app that imports the same stack.

    python benchmarks/trivial_typer_app.py hello --name world

`dehong status` is held to 1.3x the bare imports; the issue measured this app alone at
about 1.25x. Whatever this app costs above the bare imports is Typer's own dispatch.
"""

from __future__ import annotations

# The same stack as the bare-imports baseline, imported for its cost alone.
import pydantic  # noqa: F401
import rich.console  # noqa: TID251
import rich.table  # noqa: F401, TID251
import typer
import yaml  # noqa: F401

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


@app.command()
def bye() -> None:
    """Say bye."""
    print("bye")


if __name__ == "__main__":
    app()
