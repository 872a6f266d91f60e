"""Permission-matrix rows of the investigation workspace (see accounts/tests/matrix.py)."""

from meldpunt.investigations.tests.permission_rows_evidence import BACK_OFFICE as EVIDENCE_ROWS

BACK_OFFICE = {**EVIDENCE_ROWS}
