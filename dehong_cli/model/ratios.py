"""A ratio indicator's figure from its components, and how closely a reported ratio must agree.

One copy: `dehong validate` checks a reported ratio against its components with these, and the
progress engine computes a missing ratio with the same formula.
"""

from __future__ import annotations


def ratio_percent(numerator: float, denominator: float) -> float:
    """The ratio in percent: numerator ÷ denominator × 100 (the denominator is not 0)."""
    return numerator / denominator * 100


def ratio_tolerance(reported: float) -> float:
    """Half a unit in the last decimal place the reporter wrote: 0.8 agrees with 0.84."""
    mantissa, _, exponent = repr(float(reported)).partition("e")  # 1e-05: five decimals, not none
    decimals = 0 if mantissa.endswith(".0") else len(mantissa.partition(".")[2])
    decimals -= int(exponent or 0)
    return 0.5 * 10.0**-decimals + 1e-9
