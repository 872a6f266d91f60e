from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    """The two sides heard on draft findings: both get the same text, at the same moment, same deadline."""

    REPORTER = "reporter", _("Melder")
    SCHOOL = "school", _("Schoolbestuur")
