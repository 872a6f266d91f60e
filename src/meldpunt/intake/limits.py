"""How many reports one client may file (CONTRACT.md): only accepted reports count, bad bodies do not."""

from datetime import timedelta

from django.conf import settings

from meldpunt.core.throttle import Limit


def intake_limit() -> Limit:
    return Limit("intake.accepted", max_hits=settings.INTAKE_REPORTS_PER_HOUR, window=timedelta(hours=1))
