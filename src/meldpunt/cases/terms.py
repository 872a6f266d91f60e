"""The default case type's legal terms and service norms (DESIGN.md). Issue 4 makes them configurable."""

from meldpunt.cases.deadlines import Duration, TermSpec, Unit

ACKNOWLEDGEMENT = TermSpec("acknowledgement", Duration(1, Unit.WORKING_DAYS), suspendable=False)
INTAKE_DECISION = TermSpec("intake_decision", Duration(5, Unit.WORKING_DAYS))
URGENT_CONTACT = TermSpec("urgent_contact", Duration(1, Unit.WORKING_DAYS), suspendable=False)
FINDINGS = TermSpec("findings", Duration(6, Unit.WEEKS), max_extension=Duration(4, Unit.WEEKS))
FOLLOW_UP_FIRST = TermSpec("follow_up_4_weeks", Duration(4, Unit.WEEKS), suspendable=False)
FOLLOW_UP_SECOND = TermSpec("follow_up_3_months", Duration(13, Unit.WEEKS), suspendable=False)

DEFAULT_TERMS = (ACKNOWLEDGEMENT, INTAKE_DECISION, URGENT_CONTACT, FINDINGS, FOLLOW_UP_FIRST, FOLLOW_UP_SECOND)
