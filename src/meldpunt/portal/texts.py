"""What the reporter reads about their case, in plain words (Dutch B1; English in the catalog). No database.

Codes come from the cases app (statuses, deadline terms) and the audit log (actions, actor kinds);
every code a reporter can meet has its own sentence here, and anything new gets a neutral one.
"""

from django.utils.translation import gettext as _

from meldpunt.accounts.constants import Role
from meldpunt.cases.constants import Status
from meldpunt.cases.deadlines import DueState
from meldpunt.privacy.actors import ActorKind


def status_explanation(status: str) -> str:
    explanations = {
        Status.RECEIVED: _(
            "We hebben uw melding ontvangen. We lezen alles goed door en kijken wat er nodig is. "
            "Daarna laten we u weten of we uw melding in behandeling nemen."
        ),
        Status.INTAKE: _(
            "We hebben uw melding in behandeling genomen. Uw behandelaar neemt contact met u op over wat we gaan doen."
        ),
        Status.REFERRED: _(
            "Een andere organisatie kan u beter helpen. We hebben u met die organisatie in contact gebracht."
        ),
        Status.NOT_TAKEN: _(
            "We nemen uw melding niet in behandeling. In een bericht leggen we uit waarom, en waar u wel terecht kunt."
        ),
        Status.INVESTIGATION: _(
            "We zoeken uit wat er is gebeurd. We vragen informatie op en praten met de mensen die erbij betrokken zijn."
        ),
        Status.INTERVENTION: _(
            "We werken aan een oplossing, samen met u en de school. Bijvoorbeeld met een gesprek of met afspraken."
        ),
        Status.FOLLOW_UP: _("We kijken of de afspraken worden nagekomen, en of het nu goed gaat."),
        Status.CLOSED: _(
            "Uw melding is afgesloten. Gaat het toch weer mis? Stuur ons dan binnen 12 maanden een bericht. "
            "Dan kunnen we uw melding weer openen."
        ),
        Status.REOPENED: _("We hebben uw melding weer geopend. Uw behandelaar neemt contact met u op."),
    }
    return explanations.get(Status(status), "") if status in Status.values else ""


def status_label(status: str) -> str:
    # The same words as the labels of `Status`, listed here so the portal's catalog translates them.
    labels = {
        Status.RECEIVED: _("Ontvangen"),
        Status.INTAKE: _("In behandeling genomen"),
        Status.REFERRED: _("Doorverwezen"),
        Status.NOT_TAKEN: _("Niet in behandeling genomen"),
        Status.INVESTIGATION: _("Onderzoek"),
        Status.INTERVENTION: _("Oplossen"),
        Status.FOLLOW_UP: _("Nazorg"),
        Status.CLOSED: _("Afgesloten"),
        Status.REOPENED: _("Heropend"),
    }
    return labels[Status(status)] if status in Status.values else status


def deadline_label(code: str) -> str:
    labels = {
        "acknowledgement": _("Bevestiging dat we uw melding hebben ontvangen"),
        "intake_decision": _("Besluit of we uw melding in behandeling nemen"),
        "urgent_contact": _("Eerste contact met u"),
        "findings": _("Wat we hebben uitgezocht"),
        "follow_up_4_weeks": _("Nazorg na 4 weken"),
        "follow_up_3_months": _("Nazorg na 3 maanden"),
    }
    return labels.get(code, _("Termijn"))


def deadline_explanation(code: str, state: str) -> str:
    """What the deadline means for the reporter, given where it stands."""
    if state == DueState.MET:
        return _("Dit is gebeurd.")
    if state == DueState.PAUSED:
        return _("Deze termijn staat even stil. We laten u weten wanneer hij weer doorloopt.")
    if state == DueState.LATE:
        return _("Het duurt langer dan we hadden afgesproken. Dat spijt ons. U hoort zo snel mogelijk van ons.")
    meanings = {
        "acknowledgement": _("Uiterlijk op deze dag laten we weten dat we uw melding hebben ontvangen."),
        "intake_decision": _("Uiterlijk op deze dag laten we weten of we uw melding in behandeling nemen."),
        "urgent_contact": _("Uw situatie is dringend. Uiterlijk op deze dag nemen we contact met u op."),
        "findings": _("Uiterlijk op deze dag vertellen we wat we hebben uitgezocht."),
        "follow_up_4_weeks": _("Rond deze dag vragen we hoe het nu gaat."),
        "follow_up_3_months": _("Rond deze dag vragen we nog een keer hoe het gaat."),
    }
    return meanings.get(code, _("Uiterlijk op deze dag hoort u van ons."))


def actor_label(kind: str, role: str = "") -> str:
    """Who did something, by kind (and a staff member's role), never by name."""
    if kind in (ActorKind.STAFF, ActorKind.SCHOOL, ActorKind.PARTNER) and role in Role.values:
        if kind == ActorKind.STAFF:
            return _("Medewerker van het meldpunt (%(role)s)") % {"role": str(Role(role).label).lower()}
        return str(Role(role).label)
    labels = {
        ActorKind.REPORTER: _("Melder"),
        ActorKind.SUPPORT_PERSON: _("Steunpersoon"),
        ActorKind.STAFF: _("Medewerker van het meldpunt"),
        ActorKind.SCHOOL: _("School"),
        ActorKind.PARTNER: _("Partnerorganisatie"),
        ActorKind.SYSTEM: _("Het systeem van het meldpunt"),
    }
    return labels.get(ActorKind(kind), _("Onbekend")) if kind in ActorKind.values else _("Onbekend")


def action_label(action: str) -> str:
    labels = {
        "case.read": _("bekeek de melding"),
        "case.submitted": _("maakte de melding"),
        "case.reporter_sign_in": _("logde in"),
        "case.support_person_sign_in": _("logde in"),
        "case.sign_in_link_requested": _("vroeg een inloglink aan"),
        "case.message_sent": _("stuurde een bericht"),
        "case.files_added": _("voegde bestanden toe"),
        "case.support_person_invited": _("nodigde een steunpersoon uit"),
        "case.support_person_revoked": _("trok de toegang van een steunpersoon in"),
        "case.assign": _("wees de melding toe aan een behandelaar"),
        "case.attendance_recorded": _("werkte bij of het kind naar school gaat"),
        "case.follow_up_asked": _("stelde u de vragen van de nazorg"),
        "case.follow_up_answered": _("beantwoordde de vragen van de nazorg"),
    }
    return labels.get(action, _("werkte aan de melding"))


def timeline_status_text(status: str) -> str:
    return _("Status: %(status)s") % {"status": status_label(status)}


def api_object_expected() -> str:
    return _('Stuur een JSON-object, zoals {"reference": "...", "access_code": "..."} of {"body": "..."}.')


def api_text_required() -> str:
    return _("Vul dit in, als tekst.")


def api_token_refused() -> str:
    return _("Log opnieuw in: de sleutel ontbreekt, klopt niet of is verlopen.")
