"""The expertise network and related help lines: who offers what, for whom, and how to reach them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from meldpunt.core.models import TimeStampedModel


class Organisation(TimeStampedModel):
    """One organisation of the directory; seeded from data/network.csv, maintained by administrators."""

    slug = models.SlugField(_("korte naam in het adres"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    description_nl = models.TextField(_("beschrijving (Nederlands)"))
    description_en = models.TextField(_("beschrijving (Engels)"), blank=True, default="")
    offers = models.JSONField(_("biedt"), default=list, help_text=_("Codes uit network.constants.Offer."))
    audience = models.JSONField(_("voor wie"), default=list, help_text=_("Codes uit network.constants.Audience."))
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    sectors = models.JSONField(_("sectoren"), default=list, blank=True)
    website = models.URLField(_("website"), blank=True, default="")
    phone = models.CharField(_("telefoon"), max_length=100, blank=True, default="")
    email = models.EmailField(_("e-mail"), blank=True, default="")
    chat = models.URLField(_("chat"), blank=True, default="")
    hours = models.CharField(_("bereikbaar"), max_length=300, blank=True, default="")
    hours_en = models.CharField(_("bereikbaar (Engels)"), max_length=300, blank=True, default="")
    sources = models.JSONField(_("bronnen"), default=list, blank=True)
    verified = models.BooleanField(_("contactgegevens gecontroleerd"), default=False)
    network_member = models.BooleanField(_("lid van het expertisenetwerk"), default=False)
    accepts_referrals = models.BooleanField(_("ontvangt doorverwijzingen via Meldpunt"), default=False)
    active = models.BooleanField(_("getoond"), default=True)
    # Rows that came from data/network.csv; an import closes only these when they leave the file,
    # never an organisation an administrator added by hand.
    imported = models.BooleanField(_("uit het gegevensbestand"), default=False, editable=False)
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name
