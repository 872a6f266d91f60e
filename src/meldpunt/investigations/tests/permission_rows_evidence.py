"""Permission-matrix rows of the evidence, interview and chronology pages."""

from meldpunt.accounts.tests.matrix import Row

BACK_OFFICE: dict[str, Row] = {}
