from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meldpunt.network.constants import NETWORK_MEMBERS
from meldpunt.network.models import Organisation
from meldpunt.network.network_file import HEADER, NetworkFileError
from meldpunt.network.services import (
    network_data_path,
    organisations_import,
    organisations_load_if_empty,
)

SHIPPED = network_data_path()


def _copy(tmp_path: Path, *, drop: str | None = None, replace: tuple[str, str] | None = None) -> Path:
    """A copy of the shipped file (and its English companion) with one row left out or one text changed."""
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    if drop:
        lines = [line for line in lines if not line.startswith(f"{drop};")]
    text = "\n".join(lines) + "\n"
    if replace:
        text = text.replace(*replace)
    target = tmp_path / "network.csv"
    target.write_text(text, encoding="utf-8")
    english = [
        line
        for line in SHIPPED.with_name("network_en.csv").read_text(encoding="utf-8").splitlines()
        if not drop or not line.startswith(f"{drop};")
    ]
    (tmp_path / "network_en.csv").write_text("\n".join(english) + "\n", encoding="utf-8")
    return target


@pytest.mark.django_db
def test_import_adds_the_25_shipped_organisations():
    """The shipped file holds 25 organisations; all are added, shown and given an English description."""
    report = organisations_import(path=SHIPPED)
    assert (report.rows, len(report.added), len(report.updated), report.unchanged) == (25, 25, 0, 0)
    assert Organisation.objects.filter(active=True, imported=True).count() == 25
    assert not Organisation.objects.filter(description_en="").exists()


@pytest.mark.django_db
def test_second_import_changes_nothing():
    """Importing the same file again adds, updates and hides nothing (idempotent by name)."""
    organisations_import(path=SHIPPED)
    before = {o.pk: o.updated_at for o in Organisation.objects.all()}
    report = organisations_import(path=SHIPPED)
    assert (len(report.added), len(report.updated), report.unchanged, report.deactivated) == (0, 0, 25, [])
    assert {o.pk: o.updated_at for o in Organisation.objects.all()} == before


@pytest.mark.django_db
def test_sixteen_network_members_are_marked():
    """Exactly the 16 members named in data/network.md are marked as members of the expertise network."""
    organisations_import(path=SHIPPED)
    members = set(Organisation.objects.filter(network_member=True).values_list("name", flat=True))
    assert members == NETWORK_MEMBERS and len(members) == 16
    assert not Organisation.objects.get(name="Veilig Thuis").network_member


@pytest.mark.django_db
def test_dutch_values_become_codes_and_verified_follows_the_file():
    """Offers and audience are stored as English codes; `verified=no` rows are stored unverified."""
    organisations_import(path=SHIPPED)
    aob = Organisation.objects.get(name="Algemene Onderwijsbond (AOb)")
    assert aob.offers == ["information", "advice", "legal_help"]
    assert aob.audience == ["staff"]
    assert aob.sectors == ["po", "vo", "so", "mbo", "ho"]
    assert aob.verified
    unverified = set(Organisation.objects.filter(verified=False).values_list("name", flat=True))
    assert unverified == {
        "Geschillencommissies Bijzonder Onderwijs (GCBO)",
        "De Kindertelefoon",
        "VO-raad",
        "Stichting School & Veiligheid",
        "Discriminatie.nl Jeugd",
    }
    assert Organisation.objects.get(name="113 Zelfmoordpreventie").phone == "113|0800-0113"
    assert Organisation.objects.get(name="Ouders & Onderwijs").slug == "ouders-onderwijs"


@pytest.mark.django_db
def test_changed_row_is_updated(tmp_path):
    """A changed phone number in the file updates that organisation and nothing else."""
    organisations_import(path=SHIPPED)
    report = organisations_import(path=_copy(tmp_path, replace=(";0800-5010;", ";088-6050101;")))
    assert report.updated == ["Ouders & Onderwijs"] and report.unchanged == 24
    assert Organisation.objects.get(name="Ouders & Onderwijs").phone == "088-6050101"


@pytest.mark.django_db
def test_row_no_longer_in_the_file_is_hidden_not_deleted(tmp_path):
    """An organisation that left the file is hidden, not deleted (referrals point at it); it returns when re-added."""
    organisations_import(path=SHIPPED)
    report = organisations_import(path=_copy(tmp_path, drop="Rutgers"))
    assert report.deactivated == ["Rutgers"]
    assert Organisation.objects.filter(name="Rutgers", active=False).exists()
    again = organisations_import(path=SHIPPED)
    assert again.updated == ["Rutgers"]
    assert Organisation.objects.get(name="Rutgers").active


@pytest.mark.django_db
def test_accepts_referrals_stays_as_administrators_set_it():
    """A re-import never resets whether an organisation accepts referrals."""
    organisations_import(path=SHIPPED)
    Organisation.objects.filter(name="Ouders & Onderwijs").update(accepts_referrals=True)
    organisations_import(path=SHIPPED)
    assert Organisation.objects.get(name="Ouders & Onderwijs").accepts_referrals


@pytest.mark.django_db
def test_organisation_added_by_hand_is_not_hidden_by_an_import():
    """Only organisations that came from the file are hidden when they are not in it."""
    Organisation.objects.create(slug="eigen", name="Eigen organisatie", description_nl="Door beheer toegevoegd.")
    report = organisations_import(path=SHIPPED)
    assert report.deactivated == []
    assert Organisation.objects.get(slug="eigen").active


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("replace", "message"),
    [
        (
            (";informatie|advies|juridische hulp;", ";informatie|rechtshulp;"),
            "onbekende waarde voor offers: rechtshulp",
        ),
        ((";onderwijspersoneel;veiligheid", ";docent;veiligheid"), "onbekende waarde voor audience: docent"),
        ((";po|vo|so|mbo|ho;https://www.aob.nl", ";po|vmbo;https://www.aob.nl"), "onbekende sector: vmbo"),
        (("vraag@oudersonderwijs.nl", "vraag-at-oudersonderwijs"), "het e-mailadres klopt niet"),
        (
            ("jouwveiligeschool.nl/over-jouw-veilige-school;yes", "jouwveiligeschool.nl/over-jouw-veilige-school;ja"),
            "verified",
        ),
    ],
)
def test_bad_row_is_named_and_changes_nothing(tmp_path, replace, message):
    """A bad value is refused with its line number, before anything is written."""
    with pytest.raises(NetworkFileError, match=message) as refused:
        organisations_import(path=_copy(tmp_path, replace=replace))
    assert "regel" in refused.value.message
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_wrong_header_is_refused(tmp_path):
    """A file with other columns is refused and names the expected columns."""
    target = tmp_path / "network.csv"
    target.write_text("naam;beschrijving\nA;B\n", encoding="utf-8")
    with pytest.raises(NetworkFileError, match=";".join(HEADER)):
        organisations_import(path=target)


@pytest.mark.django_db
def test_english_text_for_an_unknown_name_is_refused(tmp_path):
    """A name in the English file that is not in the Dutch file is a typo, refused with its line."""
    target = _copy(tmp_path)
    english = tmp_path / "network_en.csv"
    english.write_text(english.read_text(encoding="utf-8") + "Onbekend;Unknown;\n", encoding="utf-8")
    with pytest.raises(NetworkFileError, match="Onbekend staat niet in het Nederlandse bestand"):
        organisations_import(path=target)


@pytest.mark.django_db
def test_load_if_empty_imports_once():
    """`organisations_load_if_empty` imports the shipped file on an empty directory, and then never again."""
    assert len(organisations_load_if_empty().added) == 25
    assert organisations_load_if_empty() is None


@pytest.mark.django_db
def test_command_imports_and_reports(capsys):
    """`manage.py organisations_import` loads data/network.csv by default and prints the counts."""
    call_command("organisations_import")
    assert "25 rows, 25 added" in capsys.readouterr().out


@pytest.mark.django_db
def test_command_turns_a_bad_file_into_a_clear_error(tmp_path):
    """A missing file gives a command error, not a traceback."""
    with pytest.raises(CommandError, match=r"Kan .* niet lezen"):
        call_command("organisations_import", str(tmp_path / "missing.csv"))
