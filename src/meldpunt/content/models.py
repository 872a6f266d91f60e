"""Information pages edited by administrators: a page and its append-only versions, Dutch and English.

A page shows its current version. Saving adds a version and makes it current; restoring version N
adds a new version with N's text. Versions are never changed or deleted, so the history says who
changed what and when.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldpunt.core.errors import MeldpuntError
from meldpunt.core.models import TimeStampedModel

TITLE_MAX = 200
NOTE_MAX = 300


class AppendOnlyError(MeldpuntError):
    """A page version was about to be changed or deleted."""


class Page(TimeStampedModel):
    slug = models.SlugField(_("korte naam in het adres"), max_length=80, unique=True)
    current = models.ForeignKey(
        "PageVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("informatiepagina")
        verbose_name_plural = _("informatiepagina's")

    def __str__(self) -> str:
        return self.slug


class PageVersionQuerySet(models.QuerySet["PageVersion"]):
    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("Page versions are append-only: add a version instead.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Page versions are append-only: they are never deleted.")


class PageVersion(models.Model):
    page = models.ForeignKey(Page, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    title_nl = models.CharField(_("titel (Nederlands)"), max_length=TITLE_MAX)
    body_nl = models.TextField(_("tekst (Nederlands)"))
    title_en = models.CharField(_("titel (Engels)"), max_length=TITLE_MAX, blank=True, default="")
    body_en = models.TextField(_("tekst (Engels)"), blank=True, default="")
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now, editable=False)
    # Empty for the texts shipped with the application (loaded by content_load_if_empty).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    note = models.CharField(_("wat is er veranderd"), max_length=NOTE_MAX, blank=True, default="")
    restored_from = models.PositiveIntegerField(_("teruggezet van versie"), null=True, blank=True)

    objects = PageVersionQuerySet.as_manager()

    class Meta:
        ordering = ["page", "-number"]
        verbose_name = _("versie van een informatiepagina")
        verbose_name_plural = _("versies van informatiepagina's")
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="content_version_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="content_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.page.slug} v{self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Page versions are append-only: add a version instead.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Page versions are append-only: they are never deleted.")
