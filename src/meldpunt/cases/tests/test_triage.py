from datetime import date

import pytest

from meldpunt.cases.triage import RETALIATION_POINTS, TriageFacts, triage

TODAY = date(2026, 11, 27)  # a Friday


def facts(**change) -> TriageFacts:
    base = {
        "today": TODAY,
        "received_on": TODAY,
        "attendance": "attending",
        "acute_danger": False,
        "accused_is_staff": False,
        "reporter_role": "parent",
        "categories": ("bullying_psychological",),
    }
    return TriageFacts(**{**base, **change})


def test_a_plain_case_scores_zero():
    """A case without any urgency factor has score 0 and no factors."""
    result = triage(facts())
    assert result.score == 0 and result.factors == () and not result.urgent


@pytest.mark.parametrize(
    ("change", "code", "points"),
    [
        ({"acute_danger": True}, "acute_danger", 40),
        ({"attendance": "not_attending", "school_days_missed": 0}, "out_of_school", 25),
        ({"attendance": "not_attending", "school_days_missed": 4}, "out_of_school", 25),
        ({"attendance": "not_attending", "school_days_missed": 20}, "out_of_school", 25 + 8),
        ({"attendance": "not_attending", "school_days_missed": 400}, "out_of_school", 50),
        ({"attendance": "partly"}, "partly_out_of_school", 10),
        ({"accused_is_staff": True}, "staff_accused", 15),
        ({"accused_is_staff": True, "categories": ("sexual_abuse",)}, "staff_accused", 25),
        ({"reporter_role": "pupil"}, "minor_reporter", 10),
        ({"earlier_reports_same_school": 2}, "earlier_reports", 10),
        ({"earlier_reports_same_school": 7}, "earlier_reports", 15),
        ({"received_on": date(2026, 11, 23)}, "waiting", 4),
        ({"received_on": date(2026, 9, 1)}, "waiting", 10),
        ({"deadline_days_left": 1}, "deadline_close", 10),
        ({"deadline_days_left": -2}, "deadline_late", 20),
        ({"agreements_overdue": 2}, "agreements_overdue", 15),
        ({"retaliation": True}, "retaliation", RETALIATION_POINTS),
    ],
)
def test_each_factor_counts_with_its_explanation(change, code, points):
    """Each triage factor adds its points and explains itself in words."""
    result = triage(facts(**change))
    factor = next(f for f in result.factors if f.code == code)
    assert factor.points == points
    assert factor.explanation


def test_out_of_school_counts_the_school_days_missed():
    """The out-of-school factor weighs and names the school days missed, as the continuity rule counted them."""
    result = triage(facts(attendance="not_attending", school_days_missed=9))
    assert result.factors[0].code == "out_of_school"
    assert "9 schooldagen" in result.factors[0].explanation


def test_school_days_missed_only_count_for_a_child_out_of_school():
    """A child who goes to school has no out-of-school factor, whatever count was passed."""
    assert triage(facts(school_days_missed=30)).score == 0


def test_overdue_agreements_are_named():
    """Overdue agreements say how many there are."""
    factor = triage(facts(agreements_overdue=2)).factors[0]
    assert "2 afspraken zijn over tijd" in factor.explanation


def test_staff_accused_of_sexual_offence_shows_duty_to_consult():
    """Staff accused in a sexual category triggers the duty-to-consult route."""
    assert triage(facts(accused_is_staff=True, categories=("sexual_harassment",))).duty_to_consult
    assert not triage(facts(accused_is_staff=True)).duty_to_consult
    assert not triage(facts(accused_is_staff=None, categories=("sexual_abuse",))).duty_to_consult


def test_out_of_school_case_outranks_an_ordinary_one_and_factors_are_sorted():
    """A child out of school with danger ranks above a waiting case; the largest factor comes first."""
    urgent = triage(facts(acute_danger=True, attendance="not_attending", school_days_missed=19))
    ordinary = triage(facts(received_on=date(2026, 11, 20)))
    assert urgent.score > ordinary.score
    assert urgent.urgent
    assert [f.points for f in urgent.factors] == sorted((f.points for f in urgent.factors), reverse=True)


def test_retaliation_with_acute_danger_outranks_every_other_combination():
    """A retaliation case (flagged acute) scores above a case with every other factor at its maximum."""
    everything = triage(
        facts(
            acute_danger=True,
            attendance="not_attending",
            school_days_missed=1000,
            accused_is_staff=True,
            categories=("sexual_abuse",),
            reporter_role="pupil",
            earlier_reports_same_school=10,
            received_on=date(2025, 1, 6),
            deadline_days_left=-5,
            agreements_overdue=3,
        )
    )
    retaliation = triage(facts(retaliation=True, acute_danger=True))
    assert retaliation.score > everything.score
    assert retaliation.factors[0].code == "retaliation" and retaliation.urgent
