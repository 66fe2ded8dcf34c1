"""A young person's record of achievement: asked to be checked, checked by a worker (who and
when shown on it), printable; mentoring's own section in the record; export, erasure and the
dashboard's small numbers."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from participation.mentoring import services
from participation.mentoring.models import Pairing, RecordCheck
from participation.mentoring.selectors import mentoring_dashboard_section
from participation.registry import registry
from tests.mentoring.factories import World
from tests.pagebudget import assert_page_budget

pytestmark = pytest.mark.django_db


def test_asking_checking_and_the_check_shown_on_the_printable_record(client, login):
    w = World()
    w.meeting(w.peer())
    login(w.jordan)
    page = client.get(reverse("mentoring:my_record")).content.decode()
    assert "Not checked by a worker yet" in page
    assert "Trained peer mentor to a younger young person" in page
    assert "record-print.css" in page  # the print stylesheet: only the record on paper
    response = client.post(reverse("mentoring:ask_check"), {"note": "For college"})
    assert response.status_code == 302
    check = RecordCheck.objects.get(person=w.jordan)
    with pytest.raises(ValidationError, match="already asked"):
        services.record_check_ask(person=w.jordan)

    login(w.worker)
    queue = client.get(reverse("mentoring:record_checks")).content.decode()
    assert "Jordan Clarke" in queue and "For college" in queue
    assert client.get(reverse("mentoring:record_check", args=[check.pk])).status_code == 200
    client.post(reverse("mentoring:record_check_confirm", args=[check.pk]))
    check.refresh_from_db()
    assert check.status == "checked" and check.checked_by == w.worker
    assert any(s["title"] == "Mentoring" for s in check.record)

    login(w.jordan)
    page = client.get(reverse("mentoring:my_record")).content.decode()
    assert "Checked by Priya Sharma, participation worker, on" in page
    assert "has not been checked yet" not in page
    w.meeting(Pairing.objects.get(mentor=w.jordan))  # the record changes after the check
    page = client.get(reverse("mentoring:my_record")).content.decode()
    assert "Anything added after that date has not been checked yet" in page


def test_nobody_checks_their_own_record_and_other_people_cannot_see_a_request(client, login):
    w = World()
    check = services.record_check_ask(person=w.amira)
    login(w.jordan)
    assert client.get(reverse("mentoring:record_check", args=[check.pk])).status_code == 404
    login(w.grace)
    assert client.get(reverse("mentoring:record_checks")).status_code == 403


def test_turning_down_says_why():
    w = World()
    check = services.record_check_ask(person=w.amira)
    with pytest.raises(ValidationError):
        services.record_check_turn_down(check=check, checked_by=w.worker, reply=" ")
    done = services.record_check_turn_down(
        check=check, checked_by=w.worker, reply="Your training is missing: come and see me."
    )
    assert done.status == "not_checked"


def test_mentoring_section_export_and_erasure():
    w = World()
    pairing = w.peer()
    w.meeting(pairing)
    assert registry.record_sections["mentoring"](w.leo)["items"][0]["text"].startswith(
        "Mentored by a trained peer mentor"
    )
    assert registry.record_sections["mentoring"](w.amira) is None
    export = registry.export_sections["mentoring"](w.dad)
    assert export["mentoring"][0]["you_are"] == "parent or carer"
    assert export["mentoring"][0]["meetings"] == []  # the log is the child's, not the parent's
    assert len(registry.export_sections["mentoring"](w.leo)["mentoring"][0]["meetings"]) == 1
    registry.erasers["mentoring"](w.leo)
    assert not Pairing.objects.exists()


def test_the_dashboard_shows_small_numbers_as_fewer_than_5():
    w = World()
    w.meeting(w.peer())
    rows = {r["kind"]: r for r in mentoring_dashboard_section()["rows"]}
    peer = next(r for k, r in rows.items() if k.startswith("Peer"))
    assert peer["pairings going on"] == "fewer than 5"
    board = next(r for k, r in rows.items() if k.startswith("Board"))
    assert board["pairings going on"] == 0


def test_list_pages_are_flat_at_1_and_50_rows(client, login, cached_sessions):
    from participation.mentoring.models import MentoringMeeting, Pairing
    from tests.mentoring.factories import young

    w = World()
    pairing = w.peer()

    def meetings(n):
        MentoringMeeting.objects.bulk_create(
            MentoringMeeting(pairing=pairing, held_on=pairing.started_on, place="p", worked_on="w")
            for _ in range(n)
        )

    login(w.leo)
    assert_page_budget(client, reverse("mentoring:pairing", args=[pairing.pk]), grow=meetings)

    def pairings(n):
        for _ in range(n):
            mentee = young(11)
            Pairing.objects.create(kind="peer", mentor=w.jordan, mentee=mentee, worker=w.worker)

    login(w.worker)
    assert_page_budget(client, reverse("mentoring:pairings"), at_most=12, grow=pairings)
    login(w.jordan)
    assert_page_budget(client, reverse("mentoring:mine"), grow=pairings)


def test_the_demo_has_two_pairings(django_db_blocker):
    from io import StringIO

    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=StringIO())
        call_command("seed_demo", stdout=StringIO())  # idempotent
    assert Pairing.objects.count() == 2
    assert set(Pairing.objects.values_list("kind", flat=True)) == {"peer", "board"}
    assert RecordCheck.objects.filter(person__email="young@example.org").exists()
