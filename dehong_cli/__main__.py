"""`python -m dehong_cli` and the `dehong` console script."""

from __future__ import annotations


def main() -> None:
    from .cli import app

    app(prog_name="dehong")


if __name__ == "__main__":
    main()
