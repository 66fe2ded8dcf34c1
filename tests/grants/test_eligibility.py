"""Every eligibility rule at its edges, on the day of applying, in plain English; on any error
everything typed is still in the form and the saved draft is unchanged."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from grants import services
from grants.models import Application, ApplicationStatus
from participation.access import Refused
from tests.factories import birthday_for_age
from tests.grants.factories import FIELDS, LINES, World, young

pytestmark = pytest.mark.django_db


def _send(w, person, **fields):
    application = w.start(person)
    lines = fields.pop("lines", LINES)
    try:
        services.application_submit(
            actor=person, application=application, lines=lines, **{**FIELDS, **fields}
        )
    except Exception as error:  # noqa: BLE001 - the test reads it
        return application, error
    return application, None


@pytest.mark.parametrize(
    ("age", "ok"), [(10, False), (11, True), (16, True), (17, False)], ids=lambda v: str(v)
)
def test_age_on_the_day_of_applying(age, ok):
    w = World()
    person = young(age)
    application, error = _send(w, person)
    if ok:
        assert error is None
        assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED
    else:
        assert f"You are {age}. Pay it Forward is for young people aged 11 to 16." in (
            error.messages
        )
        assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT


def test_age_counts_on_the_day_of_applying_not_the_day_the_draft_was_started():
    """Started at 16, sent the day after the 17th birthday: refused."""
    w = World()
    today = timezone.localdate()
    person = young(16)
    person.date_of_birth = today.replace(year=today.year - 17) + timedelta(days=1)
    person.save(update_fields=["date_of_birth"])
    application = w.start(person)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        with pytest.raises(Exception) as refused:
            services.application_submit(
                actor=person, application=application, lines=LINES, **FIELDS
            )
    assert "You are 17." in " ".join(refused.value.messages)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (
            "249",
            "You asked for £249. Pay it Forward grants are £250 to £1,000, so ask for at "
            "least £250.",
        ),
        ("250", None),
        ("1000", None),
        (
            "1001",
            "You asked for £1,001. Pay it Forward grants are £250 to £1,000, so ask for "
            "£1,000 or less.",
        ),
    ],
)
def test_amount_at_its_edges(amount, words):
    w = World()
    lines = [("Everything", amount)]
    application, error = _send(w, w.applicant, amount=amount, lines=lines)
    if words is None:
        assert error is None
    else:
        assert words in error.messages
        assert Application.objects.get(pk=application.pk).amount is None


def test_budget_lines_that_do_not_add_up():
    w = World()
    application, error = _send(
        w, w.applicant, amount="500", lines=[("Wool", "300"), ("Tea", "150")]
    )
    assert (
        "Your budget lines add up to £450, but you asked for £500. Change the lines or the "
        "amount so they are the same." in error.messages
    )
    assert not application.budget_lines.exists()


def test_a_closed_round_refuses_to_send_and_to_start():
    w = World()
    application = w.start()
    with time_machine.travel(w.round.closes_at + timedelta(minutes=1)):
        with pytest.raises(Exception) as refused:
            services.application_submit(
                actor=w.applicant, application=application, lines=LINES, **FIELDS
            )
        assert any("closed on" in m for m in refused.value.messages)
        with pytest.raises(Exception) as not_started:
            w.start(w.other)
        assert "closed on" in " ".join(not_started.value.messages)


def test_a_round_not_open_yet():
    w = World()
    application = w.start()
    with time_machine.travel(w.round.opens_at - timedelta(minutes=1)):
        with pytest.raises(Exception) as refused:
            services.application_submit(
                actor=w.applicant, application=application, lines=LINES, **FIELDS
            )
    assert any("is not open yet" in m for m in refused.value.messages)


def test_under_16s_need_a_parent_or_carer_and_16s_do_not():
    w = World()
    no_parent = {"consent_name": "", "consent_relationship": "", "consent_contact": ""}
    _, error = _send(w, young(15), **no_parent)
    assert "the name of your parent or carer who says yes" in " ".join(error.messages)
    _, error = _send(w, young(16), **no_parent)
    assert error is None


def test_missing_parts_are_named_in_one_sentence():
    w = World()
    application = w.start()
    with pytest.raises(Exception) as refused:
        services.application_submit(actor=w.applicant, application=application)
    text = " ".join(refused.value.messages)
    assert "Say how much money you are asking for." in text
    assert "Fill in whether it helps one person or a group, who it helps" in text


def test_only_a_young_person_can_apply(worker):
    w = World()
    with pytest.raises(Refused):
        services.application_start(actor=w.worker, round=w.round, title="Mine")


# --- Through the page: what was typed stays, the draft does not change ----------------------


def _form(**over):
    data = {k: v for k, v in FIELDS.items()}
    data["people_helped"] = str(data["people_helped"])
    for i, (item, cost) in enumerate(LINES, start=1):
        data[f"line_{i}_item"] = item
        data[f"line_{i}_cost"] = cost
    data.update(over)
    return data


def test_a_refused_send_keeps_what_was_typed_and_leaves_the_draft_as_it_was(client):
    w = World()
    application = w.start()
    services.application_save(
        actor=w.applicant, application=application, plan="My first plan.", amount="400"
    )
    client.force_login(w.applicant)
    url = reverse("grants:edit", args=[application.pk])
    typed = _form(amount="1001", plan="A much better plan, typed just now.", line_1_cost="801")
    response = client.post(url, {**typed, "action": "send"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "You asked for £1,001." in page
    assert "A much better plan, typed just now." in page
    assert 'value="1001"' in page and 'value="801"' in page
    saved = Application.objects.get(pk=application.pk)
    assert saved.plan == "My first plan."
    assert saved.amount == 400
    assert saved.status == ApplicationStatus.DRAFT
    assert not saved.budget_lines.exists()


def test_a_bad_amount_in_a_draft_is_explained_and_nothing_is_saved(client):
    w = World()
    application = w.start()
    client.force_login(w.applicant)
    url = reverse("grants:edit", args=[application.pk])
    response = client.post(url, {**_form(amount="lots", plan="Typed."), "action": "save"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Write an amount in pounds, for example 250 or 12.50." in page
    assert "Typed." in page
    assert Application.objects.get(pk=application.pk).plan == ""


def test_save_then_send_through_the_page(client):
    w = World()
    application = w.start()
    client.force_login(w.applicant)
    url = reverse("grants:edit", args=[application.pk])
    response = client.post(url, {**_form(plan="Half done."), "action": "save"})
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).plan == "Half done."
    response = client.post(url, {**_form(), "action": "send"})
    assert response.status_code == 302
    saved = Application.objects.get(pk=application.pk)
    assert saved.status == ApplicationStatus.SUBMITTED
    assert saved.applied_on == timezone.localdate()
    assert saved.consent_needed
    assert [(b.item, str(b.cost)) for b in saved.budget_lines.all()] == [
        ("Wool and needles", "300.00"),
        ("Tea and cake", "200.00"),
    ]
    # Once sent it can't be changed.
    assert client.get(url).status_code == 404


def test_birthday_helper_sanity():
    assert birthday_for_age(15).month == 1


def test_a_round_for_one_area_explains_where_it_is_for():
    from django.utils import timezone as tz

    w = World()
    now = tz.now()
    kent = services.round_create(
        actor=w.worker,
        name="Pay it Forward Kent",
        area="Kent",
        budget="3000",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        review_deadline=now + timedelta(days=20),
    )
    for area, words in (
        (
            "",
            "Pay it Forward is for young people who live in Kent. Your account doesn't say "
            "where you live.",
        ),
        ("Bilston", "Pay it Forward is for young people who live in Kent, not Bilston."),
        ("Kent", None),
    ):
        person = young(14, area=area)
        application = services.application_start(actor=person, round=kent, title="Mine")
        try:
            services.application_submit(
                actor=person, application=application, lines=LINES, **FIELDS
            )
        except Exception as error:  # noqa: BLE001 - the test reads it
            assert words in error.messages
        else:
            assert words is None
