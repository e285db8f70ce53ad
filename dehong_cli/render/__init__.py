"""Rendering: pure functions from results to text, chosen by `--format` from a registry per command.

Every renderer returns a string; none writes to a stream, so each is tested as a function. Rich is
used only in this package, and only imported by the renderers that draw tables. `encode` turns
payloads into JSON, CSV and drawn text; `vocabulary` and `formatting` hold the words and number
formats the views share; each command's views have their own module.
"""
