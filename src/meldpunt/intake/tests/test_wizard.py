"""The wizard's route as a pure rule: which questions apply, in which order, and where a page leads."""

from meldpunt.intake import wizard

BASE = {
    "acute_danger": False,
    "reporter_role": "parent",
    "school": "32JK00",
    "categories": ["other"],
    "description": "x",
    "started_on": None,
    "steps_taken": ["talked_to_teacher"],
    "attendance": "attending",
    "accused_is_staff": None,
    "share_identity_with_school": False,
    "consent_referral": False,
    "contact": {"email": "", "phone": ""},
    "attachments_done": True,
}


def _names(answers):
    return [step.name for step in wizard.applicable(answers)]


def test_sector_is_asked_only_without_a_school():
    """The kind of school is asked only when the reporter would rather not name the school."""
    assert "sector" not in _names(BASE)
    assert "sector" in _names({**BASE, "school": None})


def test_absent_since_is_asked_only_when_the_child_misses_school():
    """ "Since when" about school follows "not attending" and "partly", never "attending"."""
    assert "absent_since" not in _names(BASE)
    assert "absent_since" in _names({**BASE, "attendance": "not_attending"})
    assert "absent_since" in _names({**BASE, "attendance": "partly"})


def test_first_unanswered_walks_in_order():
    """The first open question is the earliest applicable one without an answer."""
    assert wizard.first_unanswered({}) == "danger"
    assert wizard.first_unanswered({"acute_danger": True}) == "role"
    assert wizard.first_unanswered(BASE) is None
    assert wizard.first_unanswered({**BASE, "attendance": "not_attending"}) == "absent_since"


def test_a_page_needs_every_earlier_answer():
    """A later page cannot be reached by typing its address; answered pages always can."""
    assert wizard.may_visit("danger", {})
    assert not wizard.may_visit("school", {"acute_danger": False})
    assert wizard.may_visit("school", {"acute_danger": False, "reporter_role": "pupil"})
    assert not wizard.may_visit(wizard.CHECK, {"acute_danger": False})
    assert wizard.may_visit(wizard.CHECK, BASE)
    assert not wizard.may_visit("sector", BASE)


def test_back_goes_to_the_previous_applicable_page():
    """Back skips questions that do not apply; the first question goes back to the start page."""
    assert wizard.previous("danger", BASE) is None
    assert wizard.previous("categories", BASE) == "school"
    assert wizard.previous("categories", {**BASE, "school": None}) == "sector"
    assert wizard.previous(wizard.CHECK, BASE) == "attachments"
    assert wizard.previous(wizard.HELP_NOW, BASE) == "danger"


def test_following_goes_on_or_back_to_the_check_page():
    """Once the check page was reached, a change returns there unless it opened a new question."""
    assert wizard.following("attendance", BASE, checking=False) == "accused_is_staff"
    assert wizard.following("attendance", BASE, checking=True) == wizard.CHECK
    changed = {**BASE, "attendance": "not_attending"}
    assert wizard.following("attendance", changed, checking=True) == "absent_since"
    assert wizard.following("attachments", BASE, checking=False) == wizard.CHECK
    assert wizard.following(wizard.GUIDANCE, BASE, checking=False) == "attendance"


def test_interstitials_follow_their_answers():
    """Danger now shows the emergency numbers; "nothing yet" shows the talk-to-the-school advice."""
    assert wizard.interstitial_after("danger", {"acute_danger": True}) == wizard.HELP_NOW
    assert wizard.interstitial_after("danger", {"acute_danger": False}) is None
    assert wizard.interstitial_after("steps_taken", {"steps_taken": ["none"]}) == wizard.GUIDANCE
    assert wizard.interstitial_after("steps_taken", {"steps_taken": ["other"]}) is None


def test_report_data_keeps_only_applicable_answers():
    """A stale sector or absence date is left out; empty contact details are dropped; the language is set."""
    answers = {**BASE, "sector": "po", "absent_since": "2026-01-01", "contact": {"email": "a@b.nl", "phone": ""}}
    data = wizard.report_data(answers, language="en")
    assert "sector" not in data and "absent_since" not in data and "attachments_done" not in data
    assert data["contact"] == {"email": "a@b.nl"}
    assert data["language"] == "en"
    assert "contact" not in wizard.report_data(BASE, language="nl")
