"""dehong: track a plan's goals (the catalogue, data/targets.yaml) against yearly reports."""

__version__ = "0.1.0"
