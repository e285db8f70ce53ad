"""Assessing goals: pure computation from the catalogue and typed reports to typed results.

Nothing in this package reads files, prints, exits or looks at the clock. `engine` is the entry
point (`assess`, `detail`); each accrual has its own module; `results` and `reasons` hold the data
that travels to the renderers.
"""
