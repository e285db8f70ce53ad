"""Unit tests of `dehong_cli.importer`, one file per module."""
