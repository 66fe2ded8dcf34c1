"""Deleting an account erases what the base app holds about the person, and the download
holds all of it first.

Every model of the base that points at the user model has a policy in the registry (erase,
anonymise, or keep with the reason); after `account_erase` no row of the base holds the
person's name, email or date of birth, and nothing links them to a sign-up, attendance,
completion or anything else they did."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.urls import reverse
from django.utils import timezone

from participation import services
from participation.models import (
    ActivitySignup,
    AuditEvent,
    Membership,
    Notification,
    SignupStatus,
    TrainingCompletion,
    User,
)
from participation.registry import registry
from tests import factories
from tests.participation.training.helpers import (
    answers,
    make_activity,
    make_e_learning,
    make_module,
    young,
)

pytestmark = pytest.mark.django_db


def _points_at_user(field) -> bool:
    return (field.many_to_one or field.one_to_one or field.many_to_many) and (
        field.related_model is not None
        and field.related_model._meta.label == settings.AUTH_USER_MODEL
    )


def models_pointing_at_people(app_label: str):
    for model in apps.get_app_config(app_label).get_models():
        fields = [
            f
            for f in model._meta.get_fields()
            if _points_at_user(f) and f.concrete and not f.auto_created
        ]
        if fields or model._meta.label == settings.AUTH_USER_MODEL:
            yield model, fields


def test_every_base_model_that_points_at_a_person_has_a_policy():
    labels = {model._meta.label_lower for model, _ in models_pointing_at_people("participation")}
    assert labels, "the walk found nothing: it is broken"
    missing = labels - set(registry.erasure_policies)
    assert not missing, f"no erasure policy for {sorted(missing)}"
    assert "participation" in registry.erasers
    # And for the account models the base erases on the person's behalf.
    assert {"account.emailaddress", "mfa.authenticator"} <= set(registry.erasure_policies)


@pytest.fixture
def kai_with_everything(db):
    """A young person with a row in every base model that can point at them, made through the
    services that write them in real use."""
    worker = factories.WorkerFactory(first_name="Wendy", last_name="Worker")
    kai = young(age=12, first_name="Kaitlyn", last_name="Zebedee-Quill", area="Bilston")
    group = factories.GroupFactory(name="Youth Council")
    factories.MembershipFactory(group=group, user=kai)
    services.notification_preference_set(user=kai, email_enabled=True)

    # A past training session: attended, signed off, rated.
    session_module = make_module(worker=worker, title="Interview training", unlocks=())
    past = make_activity(
        worker=worker,
        starts_at=timezone.now() - timedelta(days=3),
        training_module=session_module,
        title="Interview training session",
    )
    services.attendance_take(
        activity=past, recorded_by=worker, statuses={kai.pk: "present"}, sign_off=True
    )
    services.attendance_record(activity=past, recorded_by=worker, statuses={kai.pk: "present"})
    services.rung_rate(activity=past, user=kai, rung="co_design")

    # E-learning: a lesson read, a failed try and a pass.
    module = make_e_learning(worker=worker)
    services.lesson_complete(user=kai, lesson=module.lessons.first())
    services.quiz_submit(user=kai, module=module, answers=answers(module, wrong_numbers=(1, 2)))
    services.quiz_submit(user=kai, module=module, answers=answers(module))

    # An activity still to come, full: Kai's place is held for consent, and Jo waits.
    upcoming = make_activity(worker=worker, capacity=1, title="SpeakOut session")
    held = services.activity_signup(activity=upcoming, user=kai)  # the worker hears Kai's name
    services.activity_consent_record(
        signup=held,
        recorded_by=worker,
        given_by_name="Morwenna Zebedee-Quill",
        relationship="Mum",
        how_given="phone",
        contact="07700 900123",
    )
    jo = young(first_name="Jo")
    services.activity_signup(activity=upcoming, user=jo)
    services.role_grant(user=kai, role="young_person", granted_by=worker)
    return {"kai": kai, "worker": worker, "jo": jo, "upcoming": upcoming, "past": past}


def _everything_in_the_base() -> str:
    text = []
    for model in apps.get_app_config("participation").get_models():
        text.append(serializers.serialize("json", model.objects.all()))
    return "\n".join(text)


def test_after_erasure_no_base_row_holds_their_details_or_links_to_them(kai_with_everything):
    kai = kai_with_everything["kai"]
    secrets = [
        kai.first_name,
        kai.last_name,
        kai.email,
        kai.date_of_birth.isoformat(),
        "Morwenna",  # their parent's name, from the consent
        "07700 900123",
    ]
    held = _everything_in_the_base()
    assert all(secret in held for secret in secrets), "the fixture should hold them all first"
    assert Notification.objects.filter(
        user=kai_with_everything["worker"], title__contains=kai.last_name
    )

    services.account_erase(user=kai, confirmation="delete my account")

    held = _everything_in_the_base()
    for secret in secrets:
        assert secret not in held, f"{secret!r} is still held after erasure"
    for model, fields in models_pointing_at_people("participation"):
        if model is User:
            continue
        for field in fields:
            linked = model.objects.filter(**{field.name: kai})
            assert not linked.exists(), f"{model._meta.label}.{field.name} still links to them"
    # The anonymised row stays, so shared records stay whole, and says nothing.
    anon = User.objects.get(pk=kai.pk)
    assert not anon.is_active and anon.first_name == "Deleted" and anon.date_of_birth is None
    assert anon.area == "" and not anon.has_usable_password()
    assert AuditEvent.objects.filter(action="account.erase", target_id=str(kai.pk)).exists()


def test_their_place_goes_to_the_next_person_waiting(kai_with_everything):
    jo, upcoming = kai_with_everything["jo"], kai_with_everything["upcoming"]
    services.account_erase(user=kai_with_everything["kai"], confirmation="delete my account")
    assert ActivitySignup.objects.get(activity=upcoming, user=jo).status == SignupStatus.CONFIRMED
    assert Notification.objects.filter(user=jo, kind="activity.promoted").exists()


def test_a_worker_who_leaves_keeps_what_they_did_for_others_whole(kai_with_everything):
    worker, kai, past = (kai_with_everything[k] for k in ("worker", "kai", "past"))
    services.account_erase(user=worker, confirmation="delete my account")
    # Kai's completion stays Kai's, without the worker's name on it.
    completion = TrainingCompletion.objects.get(user=kai, activity=past)
    assert completion.signed_off_by_id is None
    # The activity stays for the people who went; its maker is the anonymised account.
    past.refresh_from_db()
    assert past.created_by.first_name == "Deleted"
    assert "Wendy" not in _everything_in_the_base()
    assert not Membership.objects.filter(user=worker).exists()


def test_the_download_holds_every_section_and_everything_the_base_holds(
    client, login, kai_with_everything
):
    kai = kai_with_everything["kai"]
    login(kai)
    data = json.loads(client.get(reverse("my_data_download")).content)
    assert set(registry.export_sections) <= set(data)
    base = data["participation"]
    training = data["participation.training_and_activities"]
    # One part of the download for every base model that holds something about them.
    parts = {
        "participation.user": data["account"]["email"],
        "participation.roleassignment": base["roles"],
        "participation.parentalconsent": base["parental_consents"],
        "participation.membership": base["groups"],
        "participation.notification": base["notifications"],
        "participation.notificationchoice": base["notification_choices"],
        "participation.auditevent": base["audit_log"],
        "participation.activitysignup": training["activity_signups"],
        "participation.attendance": training["attendance"],
        "participation.rungrating": training["ladder_ratings"],
        "participation.lessonprogress": training["lessons_read"],
        "participation.quizattempt": training["quiz_attempts"],
        "participation.trainingcompletion": training["training_completions"],
        "account.emailaddress": data["account"]["email_addresses"],
    }
    assert all(parts.values()), [label for label, part in parts.items() if not part]
    # Every model that points at people is either in the download or is not about them.
    not_about_them = {"participation.activity", "participation.trainingmodule"}
    labels = {m._meta.label_lower for m, _ in models_pointing_at_people("participation")}
    assert labels <= set(parts) | not_about_them
    assert base["parental_consents"][0]["given_by"] == "Morwenna Zebedee-Quill"
