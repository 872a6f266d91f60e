"""The guide's decision table, versioned: every save adds a version, and exactly one version is current."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DecisionTableVersion(models.Model):
    """One version of the decision table (guide/rules.py describes the content). Never changed after saving:
    restoring an old version adds a new version with the same content."""

    number = models.PositiveIntegerField(_("versie"), unique=True)
    created_at = models.DateTimeField(_("opgeslagen op"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeslagen door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leeg voor de tabel die met de software is meegeleverd."),
    )
    note = models.CharField(_("wat is er veranderd"), max_length=300, blank=True, default="")
    is_current = models.BooleanField(_("in gebruik"), default=False)
    restored_from = models.PositiveIntegerField(_("teruggezet van versie"), null=True, blank=True)
    content = models.JSONField(_("inhoud"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("versie van de beslistabel")
        verbose_name_plural = _("versies van de beslistabel")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="guide_one_current_table"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="guide_table_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Beslistabel versie {self.number}"
