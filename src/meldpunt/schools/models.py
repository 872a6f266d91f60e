from django.db import models
from django.utils.translation import gettext_lazy as _

from meldpunt.core.models import TimeStampedModel
from meldpunt.schools.constants import DuoList, HolidayRegion, Sector


class Board(TimeStampedModel):
    """A school board (bevoegd gezag), known by DUO's board number."""

    number = models.CharField(_("bevoegd-gezagnummer"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("schoolbestuur")
        verbose_name_plural = _("schoolbesturen")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name or _("Bestuur %(number)s") % {"number": self.number}


class School(TimeStampedModel):
    """A school location (vestiging) from DUO's open data."""

    code = models.CharField(_("vestigingscode"), max_length=8, unique=True)
    institution_code = models.CharField(_("instellingscode (BRIN)"), max_length=6, db_index=True)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="schools", verbose_name=_("bestuur"))
    name = models.CharField(_("naam"), max_length=255)
    street = models.CharField(_("straat"), max_length=255, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    place = models.CharField(_("plaats"), max_length=100)
    municipality_code = models.CharField(_("gemeentenummer"), max_length=6, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    province = models.CharField(_("provincie"), max_length=50, blank=True)
    sector = models.CharField(_("sector"), max_length=10, choices=Sector.choices)
    denomination = models.CharField(_("denominatie"), max_length=100, blank=True)
    holiday_region = models.CharField(_("vakantieregio"), max_length=10, choices=HolidayRegion.choices, blank=True)
    website = models.CharField(_("website"), max_length=255, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    # DUO's SOORT PRIMAIR ONDERWIJS (SBAO, SO, VSO, (V)SO); empty for ordinary po and vo schools.
    kind = models.CharField(_("soort onderwijs"), max_length=10, blank=True)
    # DUO's ONDERWIJSSTRUCTUUR (vo, e.g. VBO/MAVO) or ONDERWIJS (special education, e.g. SO ZMLK).
    education = models.CharField(_("onderwijsaanbod"), max_length=255, blank=True)
    cluster = models.CharField(_("cluster"), max_length=10, blank=True)
    # Empty for a school made by hand (tests, demo); an import never closes those.
    duo_list = models.CharField(_("DUO-bestand"), max_length=12, choices=DuoList.choices, blank=True, default="")
    # A school that left DUO's files is closed, never deleted: cases keep referring to it.
    active = models.BooleanField(_("actief"), default=True)
    # Folded (lower case, no accents, only letters and digits) name words, then place, municipality
    # and codes, each word once, wrapped in spaces: every search term is one `LIKE '% term%'` over a
    # few thousand short strings, the same on SQLite and PostgreSQL (see selectors.school_search).
    search_text = models.CharField(max_length=600, editable=False, default="")

    class Meta:
        verbose_name = _("schoolvestiging")
        verbose_name_plural = _("schoolvestigingen")
        ordering = ["name", "place"]

    def __str__(self) -> str:
        return f"{self.name} ({self.place})"


class SchoolHoliday(TimeStampedModel):
    """A school holiday per region (Rijksoverheid), for counting the school days a child missed.

    `end` is the last day off, inclusive. Rows for "heel-nederland" apply to every region.
    """

    school_year = models.CharField(_("schooljaar"), max_length=9)
    name = models.CharField(_("vakantie"), max_length=40)
    region = models.CharField(_("regio"), max_length=20)
    start = models.DateField(_("eerste vrije dag"))
    end = models.DateField(_("laatste vrije dag"))
    source = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("schoolvakantie")
        verbose_name_plural = _("schoolvakanties")
        ordering = ["start", "region"]
        constraints = [
            models.UniqueConstraint(fields=["school_year", "name", "region"], name="one_holiday_per_region"),
            models.CheckConstraint(name="holiday_ends_after_start", condition=models.Q(end__gte=models.F("start"))),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.region} {self.school_year}"
