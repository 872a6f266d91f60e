"""The default case type's legal terms and service norms (DESIGN.md); administrators may change them per type.

Pure: `term_spec` turns a configured term into the deadline clock's `TermSpec`.
"""

from meldpunt.cases.constants import TermCode, TermUnit
from meldpunt.cases.deadlines import Duration, TermSpec, Unit

DEFAULT_CASE_TYPE_CODE = "meldpunt"
DEFAULT_CASE_TYPE_NAME = "Melding sociale veiligheid en gelijke behandeling"

ACKNOWLEDGEMENT = TermSpec(TermCode.ACKNOWLEDGEMENT, Duration(1, Unit.WORKING_DAYS), suspendable=False)
INTAKE_DECISION = TermSpec(TermCode.INTAKE_DECISION, Duration(5, Unit.WORKING_DAYS))
URGENT_CONTACT = TermSpec(TermCode.URGENT_CONTACT, Duration(1, Unit.WORKING_DAYS), suspendable=False)
FINDINGS = TermSpec(TermCode.FINDINGS, Duration(6, Unit.WEEKS), max_extension=Duration(4, Unit.WEEKS))
FOLLOW_UP_FIRST = TermSpec(TermCode.FOLLOW_UP_FIRST, Duration(4, Unit.WEEKS), suspendable=False)
FOLLOW_UP_SECOND = TermSpec(TermCode.FOLLOW_UP_SECOND, Duration(13, Unit.WEEKS), suspendable=False)

DEFAULT_TERMS = (ACKNOWLEDGEMENT, INTAKE_DECISION, URGENT_CONTACT, FINDINGS, FOLLOW_UP_FIRST, FOLLOW_UP_SECOND)

_UNITS = {
    TermUnit.WORKING_DAYS: Unit.WORKING_DAYS,
    TermUnit.CALENDAR_DAYS: Unit.CALENDAR_DAYS,
    TermUnit.WEEKS: Unit.WEEKS,
}


def term_spec(*, code: str, amount: int, unit: str, max_extension: int | None, suspendable: bool) -> TermSpec:
    clock_unit = Unit(TermUnit(unit).value)  # the configured units are the clock's units
    return TermSpec(
        code,
        Duration(amount, clock_unit),
        max_extension=Duration(max_extension, clock_unit) if max_extension else None,
        suspendable=suspendable,
    )
