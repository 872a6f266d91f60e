from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyRole(models.TextChoices):
    """The people and bodies involved in a case (DESIGN.md, "Fact-finding")."""

    REPORTER = "reporter", _("Melder")
    PUPIL = "pupil", _("Leerling om wie het gaat")
    PARENT = "parent", _("Ouder of verzorger")
    SCHOOL_BOARD = "school_board", _("Schoolbestuur")
    SCHOOL_LOCATION = "school_location", _("Schoollocatie")
    ACCUSED_STAFF = "accused_staff", _("Medewerker over wie het gaat")
    WITNESS = "witness", _("Getuige")
    SUPPORT_PERSON = "support_person", _("Steunpersoon")
    SCHOOL_CONFIDENTIAL_PERSON = "school_confidential_person", _("Vertrouwenspersoon van de school")


class PartyAccess(models.TextChoices):
    """What a party may see of the case: nothing, or the items shared with its side."""

    NOTHING = "nothing", _("Niets")
    SHARED = "shared", _("Wat met deze partij gedeeld is")


class ConsentSubject(models.TextChoices):
    """What the reporter agreed to; a widening of the intake choices needs one of these records."""

    IDENTITY_WITH_SCHOOL = "identity_with_school", _("De school mag weten wie de melder is")
    SUMMARY_WITH_SCHOOL = "summary_with_school", _("Een samenvatting delen met de school")
    REFERRAL = "referral", _("Doorverwijzen naar een andere organisatie")
    ITEM_WITH_SCHOOL = "item_with_school", _("Een stuk delen met de school")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SENT = "sent", _("Verstuurd")
    ANSWERED = "answered", _("Beantwoord")
    NOT_ANSWERED = "not_answered", _("Niet beantwoord")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class MoreTimeDecision(models.TextChoices):
    PENDING = "pending", _("Nog niet beslist")
    GRANTED = "granted", _("Toegestaan")
    REFUSED = "refused", _("Geweigerd")


class EvidenceSource(models.TextChoices):
    REPORTER = "reporter", _("Melder")
    SCHOOL = "school", _("School")
    HANDLER = "handler", _("Behandelaar")
    OTHER = "other", _("Iemand anders")
