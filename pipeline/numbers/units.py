"""One pint ``UnitRegistry`` per process, with the project's computing units.

pint's own definitions give SI/IEC prefixes, bytes and bits, watts, hertz and temperatures;
``models/units/newsclaims_units.txt`` adds FLOPS, OPS, tokens, parameters and transistors so that
"70B parameters", "2 exaFLOPS" and "60 tokens per second" are quantities pint can convert.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pipeline import resources
from pipeline.errors import DataFileError

if TYPE_CHECKING:
    import pint

    from pipeline.records import Value

UNIT_FILE = "units/newsclaims_units.txt"
_NOT_UNITS = frozenset({"percent", "percentage_point", "ratio", "multiple"})


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The process-wide registry: pint defaults plus ``models/units/newsclaims_units.txt``; built on
    first use (a fifth of a second), since extraction itself needs no conversion."""
    import pint

    ureg: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    try:
        ureg.load_definitions(resources.read_text(UNIT_FILE).splitlines())
    except (pint.errors.PintError, TypeError, ValueError) as exc:  # pint's parser: a malformed definition
        raise DataFileError(f"models/{UNIT_FILE}: {' '.join(str(exc).split())}") from None
    return ureg


@lru_cache(maxsize=4096)
def canonical_name(expression: str) -> str:
    """pint's name for a unit expression: ``"TFLOPS"`` -> ``"teraFLOPS"``, ``"km/h"`` -> ``"kilometer / hour"``."""
    return str(registry().Unit(expression))


def to_base(value: Value) -> Any:
    """A quantity value in SI base units as a ``pint.Quantity`` (``3 nanometer`` -> ``3e-9 meter``).

    None for money, counts, percentages and ratios, and for units pint cannot read.
    """
    if value.unit is None or value.currency is not None or value.unit in _NOT_UNITS or value.unit.startswith("per "):
        return None  # money, and percentages already stored as fractions
    amount = value.amount
    if amount is None and value.low is not None and value.high is not None:
        amount = (value.low + value.high) / 2
    if amount is None:
        return None
    import pint

    try:
        quantity = registry().Quantity(amount, value.unit)
        return quantity.to_base_units()
    except (pint.errors.PintError, ValueError, TypeError, AttributeError):
        return None
