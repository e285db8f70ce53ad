"""`python -m dehong_cli` and the `dehong` console script."""

from __future__ import annotations

import gc


def main() -> None:
    # A command lives for a fraction of a second, and nearly all it allocates (modules,
    # classes, the CLI, the catalogue) lives until exit: the cyclic collector would scan it
    # again and again, and once more at exit, for nothing (a quarter of `dehong status`).
    # Reference counting still frees everything else. Workers that check many files turn
    # the collector back on (checks.check_reports).
    gc.disable()
    try:
        from dehong_cli.cli.app import app

        app(prog_name="dehong")
    finally:
        gc.freeze()  # exit without one last scan of every object


if __name__ == "__main__":
    main()
