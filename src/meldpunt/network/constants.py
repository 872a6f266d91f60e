from django.db import models
from django.utils.translation import gettext_lazy as _


class Offer(models.TextChoices):
    """What an organisation offers (the values of `offers` in data/network.csv, in English codes)."""

    INFORMATION = "information", _("Informatie")
    ADVICE = "advice", _("Advies")
    BUDDY_SUPPORT = "buddy_support", _("Buddysteun")
    LEGAL_HELP = "legal_help", _("Juridische hulp")
    COMPLAINT_HANDLING = "complaint_handling", _("Klachtbehandeling")
    REPORTING_POINT = "reporting_point", _("Meldpunt")
    EMERGENCY_HELP = "emergency_help", _("Noodhulp")


class Audience(models.TextChoices):
    PUPIL = "pupil", _("Leerling")
    PARENT = "parent", _("Ouder")
    STAFF = "staff", _("Onderwijspersoneel")
    SCHOOL_BOARD = "school_board", _("Schoolbestuur")


# The values of data/network.csv (Dutch) and the codes they stand for.
OFFER_FROM_DUTCH: dict[str, Offer] = {
    "informatie": Offer.INFORMATION,
    "advies": Offer.ADVICE,
    "buddysteun": Offer.BUDDY_SUPPORT,
    "juridische hulp": Offer.LEGAL_HELP,
    "klachtbehandeling": Offer.COMPLAINT_HANDLING,
    "meldpunt": Offer.REPORTING_POINT,
    "noodhulp": Offer.EMERGENCY_HELP,
}
AUDIENCE_FROM_DUTCH: dict[str, Audience] = {
    "leerling": Audience.PUPIL,
    "ouder": Audience.PARENT,
    "onderwijspersoneel": Audience.STAFF,
    "schoolbestuur": Audience.SCHOOL_BOARD,
}
# The directory's sectors: the school sectors, without "unknown".
SECTOR_CODES = ("po", "vo", "so", "mbo", "ho")

# The 16 members of the expertise network as data/network.md names them, spelled as in data/network.csv.
# The inspectorate is a member through its confidential inspectors; its general desk (Loket) is a
# related help line, like JOB, Veilig Thuis, Discriminatie.nl, 112 and 113.
NETWORK_MEMBERS = frozenset(
    {
        "Algemene Onderwijsbond (AOb)",
        "COC Nederland",
        "Geschillencommissies Bijzonder Onderwijs (GCBO)",
        "Ingrado",
        "Inspectie van het Onderwijs - vertrouwensinspecteurs",
        "De Kinderombudsman",
        "De Kindertelefoon",
        "LAKS (Landelijk Aktie Komitee Scholieren)",
        "Ouders & Onderwijs",
        "Oudervereniging Balans",
        "PO-Raad",
        "Regenboogloket (Stichting Regenboog Loket)",
        "Rutgers",
        "Stichting Onderwijsgeschillen (o.a. Landelijke Klachtencommissie Onderwijs, LKC)",
        "Stichting School & Veiligheid",
        "VO-raad",
    }
)

# Themes are open Dutch text (data/network.md); the known ones have an English label through the
# catalog. A theme an administrator adds that is not listed here is shown as written.
THEME_LABELS = {
    "arbeidsconflict": _("arbeidsconflict"),
    "calamiteiten": _("calamiteiten"),
    "discriminatie": _("discriminatie"),
    "geweld": _("geweld"),
    "huiselijk geweld": _("huiselijk geweld"),
    "kindermishandeling": _("kindermishandeling"),
    "kinderrechten": _("kinderrechten"),
    "klachten": _("klachten"),
    "leer- en ontwikkelingsproblemen": _("leer- en ontwikkelingsproblemen"),
    "leerlingrechten": _("leerlingrechten"),
    "lhbti": _("lhbti"),
    "medezeggenschap": _("medezeggenschap"),
    "noodsituatie": _("noodsituatie"),
    "onderwijskwaliteit": _("onderwijskwaliteit"),
    "ouderrechten": _("ouderrechten"),
    "passend onderwijs": _("passend onderwijs"),
    "pesten": _("pesten"),
    "psychische nood": _("psychische nood"),
    "racisme": _("racisme"),
    "radicalisering": _("radicalisering"),
    "seksueel grensoverschrijdend gedrag": _("seksueel grensoverschrijdend gedrag"),
    "seksuele vorming": _("seksuele vorming"),
    "sociale veiligheid": _("sociale veiligheid"),
    "stage": _("stage"),
    "studentenrechten": _("studentenrechten"),
    "thuiszitten": _("thuiszitten"),
    "veiligheid op het werk": _("veiligheid op het werk"),
    "verzuim": _("verzuim"),
    "welzijn": _("welzijn"),
    "zelfdoding": _("zelfdoding"),
}
