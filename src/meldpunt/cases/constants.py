from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The case lifecycle of DESIGN.md; labels are what a reporter reads."""

    RECEIVED = "received", _("Ontvangen")
    INTAKE = "intake", _("In behandeling genomen")
    REFERRED = "referred", _("Doorverwezen")
    NOT_TAKEN = "not_taken", _("Niet in behandeling genomen")
    INVESTIGATION = "investigation", _("Onderzoek")
    INTERVENTION = "intervention", _("Oplossen")
    FOLLOW_UP = "follow_up", _("Nazorg")
    CLOSED = "closed", _("Afgesloten")
    REOPENED = "reopened", _("Heropend")


class ReporterRole(models.TextChoices):
    PUPIL = "pupil", _("Leerling")
    PARENT = "parent", _("Ouder of verzorger")
    STAFF = "staff", _("Medewerker van een school")
    OTHER = "other", _("Iemand anders")


class Category(models.TextChoices):
    BULLYING_PSYCHOLOGICAL = "bullying_psychological", _("Pesten of psychisch geweld")
    PHYSICAL_VIOLENCE = "physical_violence", _("Lichamelijk geweld")
    SEXUAL_HARASSMENT = "sexual_harassment", _("Seksuele intimidatie")
    SEXUAL_ABUSE = "sexual_abuse", _("Seksueel misbruik")
    DISCRIMINATION = "discrimination", _("Discriminatie")
    UNEQUAL_TREATMENT = "unequal_treatment", _("Ongelijke behandeling")
    RADICALISATION = "radicalisation", _("Radicalisering")
    COMPLAINT_HANDLING = "complaint_handling", _("Hoe de school met een klacht omgaat")
    OTHER = "other", _("Iets anders")


class Attendance(models.TextChoices):
    ATTENDING = "attending", _("Gaat naar school")
    PARTLY = "partly", _("Gaat soms of een deel van de tijd")
    NOT_ATTENDING = "not_attending", _("Gaat niet naar school")


class StepTaken(models.TextChoices):
    TALKED_TO_TEACHER = "talked_to_teacher", _("Gepraat met de leraar of mentor")
    TALKED_TO_SCHOOL_MANAGEMENT = "talked_to_school_management", _("Gepraat met de directie")
    CONFIDENTIAL_PERSON = "confidential_person", _("Contact met de vertrouwenspersoon van school")
    COMPLAINT_TO_BOARD = "complaint_to_board", _("Klacht ingediend bij het schoolbestuur")
    COMPLAINTS_COMMITTEE = "complaints_committee", _("Klacht ingediend bij de klachtencommissie")
    CONFIDENTIAL_INSPECTOR = "confidential_inspector", _("Contact met de vertrouwensinspecteur")
    OTHER = "other", _("Iets anders")
    NONE = "none", _("Nog niets")


class Language(models.TextChoices):
    NL = "nl", "Nederlands"
    EN = "en", "English"


class MessageDirection(models.TextChoices):
    FROM_REPORTER = "from_reporter", _("Van de melder")
    FROM_HANDLER = "from_handler", _("Van de behandelaar")


class TermCode(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Ontvangstbevestiging")
    INTAKE_DECISION = "intake_decision", _("Besluit over behandeling")
    URGENT_CONTACT = "urgent_contact", _("Contact bij spoed")
    FINDINGS = "findings", _("Bevindingen")
    FOLLOW_UP_FIRST = "follow_up_4_weeks", _("Nazorg na 4 weken")
    FOLLOW_UP_SECOND = "follow_up_3_months", _("Nazorg na 3 maanden")


class TermUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("werkdagen")
    CALENDAR_DAYS = "calendar_days", _("kalenderdagen")
    WEEKS = "weeks", _("weken")


class BoardLinkKind(models.TextChoices):
    WORKED_THERE = "worked_there", _("Heb er gewerkt")
    CHILD_THERE = "child_there", _("Mijn kind zit er op school")
    FAMILY_THERE = "family_there", _("Familie werkt of zit er")
    BOARD_MEMBER = "board_member", _("Lid van bestuur of toezicht")
    OTHER = "other", _("Andere band")


class AttendanceAlternative(models.TextChoices):
    """What was agreed for a child who does not (fully) go to their own school."""

    NONE = "none", _("Geen")
    TEMPORARY_OTHER_SCHOOL = "temporary_other_school", _("Tijdelijk naar een andere school")
    HOME_TUITION = "home_tuition", _("Les thuis")
    PART_TIME_SCHEDULE = "part_time_schedule", _("Aangepast rooster")
    CARE_OR_TREATMENT = "care_or_treatment", _("Zorg of behandeling")
    OTHER = "other", _("Iets anders")


class FollowUpKind(models.TextChoices):
    FOUR_WEEKS = "four_weeks", _("Nazorg na 4 weken")
    THREE_MONTHS = "three_months", _("Nazorg na 3 maanden")


class AgreementsKept(models.TextChoices):
    YES = "yes", _("Ja")
    PARTLY = "partly", _("Een deel")
    NO = "no", _("Nee")
    NOT_APPLICABLE = "not_applicable", _("Er waren geen afspraken")


class ConsequencesFor(models.TextChoices):
    ME = "me", _("Voor mij")
    SIBLING = "sibling", _("Voor een broer of zus")
    BOTH = "both", _("Voor mij en voor een broer of zus")
