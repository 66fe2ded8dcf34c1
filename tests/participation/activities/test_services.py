"""Sign-up, the waiting list, promotion with one notification, under-13 consent, attendance."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from participation import services
from participation.models import (
    ActivitySignup,
    Attendance,
    Notification,
    ParentalConsent,
    RungRating,
)
from tests import factories
from tests.participation.training.helpers import a_worker, at, make_activity, young

pytestmark = pytest.mark.django_db


def test_sign_up_gives_a_place_then_the_waiting_list_when_full():
    activity = make_activity(capacity=2)
    a, b, c, d = young(), young(), young(), young()
    statuses = [services.activity_signup(activity=activity, user=p).status for p in (a, b, c, d)]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]


def test_signing_up_twice_keeps_the_one_sign_up():
    activity = make_activity(capacity=5)
    kai = young()
    first = services.activity_signup(activity=activity, user=kai)
    again = services.activity_signup(activity=activity, user=kai)
    assert first.pk == again.pk
    assert ActivitySignup.objects.filter(activity=activity, user=kai).count() == 1


def test_the_database_allows_one_open_sign_up_per_person():
    from django.db import IntegrityError, transaction

    activity = make_activity()
    kai = young()
    services.activity_signup(activity=activity, user=kai)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivitySignup.objects.create(activity=activity, user=kai, status="waiting")


def test_waiting_list_is_promoted_in_order_and_the_promoted_person_is_told_once():
    activity = make_activity(capacity=1, title="SpeakOut session")
    first, second, third = young(), young(), young()
    for person in (first, second, third):
        services.activity_signup(activity=activity, user=person)

    services.activity_cancel(activity=activity, user=first)

    statuses = dict(ActivitySignup.objects.values_list("user_id", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "confirmed", third.pk: "waiting"}
    told = Notification.objects.filter(kind="activity.promoted")
    assert [n.user_id for n in told] == [second.pk]
    assert told.get().title == "You have a place at SpeakOut session"

    # Cancelling again (a double click) promotes nobody else and tells nobody again.
    assert services.activity_cancel(activity=activity, user=first) is None
    assert Notification.objects.filter(kind="activity.promoted").count() == 1
    assert ActivitySignup.objects.get(user=third).status == "waiting"

    services.activity_cancel(activity=activity, user=second)
    assert ActivitySignup.objects.get(user=third).status == "confirmed"
    assert list(
        Notification.objects.filter(kind="activity.promoted").values_list("user_id", flat=True)
    ) == [third.pk, second.pk]


def test_leaving_the_waiting_list_frees_no_place_and_promotes_nobody():
    activity = make_activity(capacity=1)
    holder, waiting, behind = young(), young(), young()
    for person in (holder, waiting, behind):
        services.activity_signup(activity=activity, user=person)
    services.activity_cancel(activity=activity, user=waiting)
    assert ActivitySignup.objects.get(user=behind).status == "waiting"
    assert not Notification.objects.filter(kind="activity.promoted").exists()


def test_rejoining_after_cancelling_goes_to_the_back_of_the_list():
    activity = make_activity(capacity=1)
    holder, kai, nia = young(), young(), young()
    services.activity_signup(activity=activity, user=holder)
    services.activity_signup(activity=activity, user=kai)
    services.activity_signup(activity=activity, user=nia)
    services.activity_cancel(activity=activity, user=kai)
    services.activity_signup(activity=activity, user=kai)
    services.activity_cancel(activity=activity, user=holder)
    assert ActivitySignup.objects.get(user=nia).status == "confirmed"
    assert ActivitySignup.objects.get(user=kai, status="waiting")


def test_more_places_promote_people_straight_away():
    worker = a_worker()
    activity = make_activity(capacity=1, worker=worker)
    people = [young() for _ in range(3)]
    for person in people:
        services.activity_signup(activity=activity, user=person)
    services.activity_update(activity=activity, updated_by=worker, capacity=3)
    assert set(ActivitySignup.objects.values_list("status", flat=True)) == {"confirmed"}
    assert Notification.objects.filter(kind="activity.promoted").count() == 2


def test_places_cannot_go_below_the_people_who_have_one():
    worker = a_worker()
    activity = make_activity(capacity=3, worker=worker)
    for _ in range(2):
        services.activity_signup(activity=activity, user=young())
    with pytest.raises(ValidationError) as error:
        services.activity_update(activity=activity, updated_by=worker, capacity=1)
    assert "2 people already have a place" in str(error.value)
    activity.refresh_from_db()
    assert activity.capacity == 3


def test_an_under_13s_sign_up_stays_pending_until_consent_is_recorded():
    worker = a_worker()
    activity = make_activity(capacity=2, worker=worker, title="Open Space event")
    leo = young(age=11, first_name="Leo")
    older = young(age=15)

    signup = services.activity_signup(activity=activity, user=leo)
    assert signup.status == "pending_consent"
    # The place is held for Leo: with one more sign-up the activity is full.
    services.activity_signup(activity=activity, user=older)
    assert services.activity_signup(activity=activity, user=young()).status == "waiting"
    asked = Notification.objects.get(kind="activity.consent_needed")
    assert asked.user == worker

    # Account consent alone does not release it, and nothing else does either.
    ParentalConsent.objects.create(
        child=leo,
        given_by_name="Sam Patel",
        relationship="Dad",
        how_given="in_person",
        recorded_by=worker,
    )
    signup.refresh_from_db()
    assert signup.status == "pending_consent"

    services.activity_consent_record(
        signup=signup,
        recorded_by=worker,
        given_by_name="Sam Patel",
        relationship="Dad",
        how_given="phone",
    )
    signup.refresh_from_db()
    assert signup.status == "confirmed"
    assert signup.consent.purpose.startswith("Going to Open Space event on")
    assert signup.consent.child == leo
    assert Notification.objects.filter(user=leo, kind="activity.consent_recorded").count() == 1


def test_an_under_13_promoted_from_the_waiting_list_still_needs_consent():
    activity = make_activity(capacity=1)
    holder, leo = young(), young(age=11)
    services.activity_signup(activity=activity, user=holder)
    assert services.activity_signup(activity=activity, user=leo).status == "waiting"
    services.activity_cancel(activity=activity, user=holder)
    assert ActivitySignup.objects.get(user=leo).status == "pending_consent"
    promoted = Notification.objects.get(user=leo, kind="activity.promoted")
    assert "parent or carer to say yes" in promoted.body


def test_only_a_worker_records_consent(make_user):
    from participation.models import Role

    activity = make_activity()
    signup = services.activity_signup(activity=activity, user=young(age=11))
    with pytest.raises(ValidationError):
        services.activity_consent_record(
            signup=signup,
            recorded_by=make_user(Role.OFFICER),
            given_by_name="X",
            relationship="Mum",
            how_given="phone",
        )


@pytest.mark.parametrize(
    ("fields", "age", "reason"),
    [
        # The base eligibility service's words: the age on the day, then who it is for.
        ({"min_age": 16}, 14, "You are 14. This activity is for young people aged 16 or over."),
        ({"max_age": 12}, 14, "You are 14. This activity is for young people aged 12 or under."),
        (
            {"min_age": 11, "max_age": 13},
            15,
            "You are 15. This activity is for young people aged 11 to 13.",
        ),
    ],
)
def test_age_limits_are_explained(fields, age, reason):
    activity = make_activity(**fields)
    with pytest.raises(ValidationError) as error:
        services.activity_signup(activity=activity, user=young(age=age))
    assert error.value.messages == [reason]


def test_a_group_activity_is_for_its_members():
    group = factories.GroupFactory(name="Youth Council")
    activity = make_activity(audience_group=group)
    member, outsider = young(), young()
    factories.MembershipFactory(group=group, user=member)
    assert services.activity_signup(activity=activity, user=member).status == "confirmed"
    with pytest.raises(ValidationError) as error:
        services.activity_signup(activity=activity, user=outsider)
    assert error.value.messages == ["This activity is only for members of Youth Council."]


def test_no_sign_up_once_it_has_started():
    activity = make_activity(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(ValidationError, match="already started"):
        services.activity_signup(activity=activity, user=young())


def test_bad_times_and_ages_are_refused_plainly():
    with pytest.raises(ValidationError) as error:
        make_activity(starts_at=at(3), ends_at=at(3) - timedelta(hours=1))
    assert error.value.message_dict["ends_at"] == ["The end time must be after the start time."]
    with pytest.raises(ValidationError) as error:
        make_activity(min_age=16, max_age=12)
    assert "oldest age" in error.value.message_dict["max_age"][0]


def test_attendance_is_recorded_and_corrected():
    worker = a_worker()
    activity = make_activity(worker=worker, starts_at=timezone.now() - timedelta(hours=3))
    kai, nia = young(), young()
    services.attendance_record(
        activity=activity,
        recorded_by=worker,
        statuses={kai.pk: "present", nia.pk: "apologies"},
    )
    services.attendance_record(activity=activity, recorded_by=worker, statuses={nia.pk: "absent"})
    assert dict(Attendance.objects.values_list("user_id", "status")) == {
        kai.pk: "present",
        nia.pk: "absent",
    }


def test_attendance_waits_until_the_activity_has_started():
    worker = a_worker()
    activity = make_activity(worker=worker)
    with pytest.raises(ValidationError, match="once the activity has started"):
        services.attendance_record(
            activity=activity, recorded_by=worker, statuses={young().pk: "present"}
        )


def test_attendance_needs_a_worker_and_a_real_status(make_user):
    from participation.models import Role

    worker = a_worker()
    activity = make_activity(worker=worker, starts_at=timezone.now() - timedelta(hours=3))
    with pytest.raises(ValidationError, match="Only a participation worker"):
        services.attendance_record(
            activity=activity, recorded_by=make_user(Role.OFFICER), statuses={1: "present"}
        )
    with pytest.raises(ValidationError, match="present, apologies or absent"):
        services.attendance_record(
            activity=activity, recorded_by=worker, statuses={young().pk: "asleep"}
        )


def test_only_people_who_were_there_say_which_rung_it_reached():
    worker = a_worker()
    activity = make_activity(
        worker=worker, starts_at=timezone.now() - timedelta(hours=3), planned_rung="co_production"
    )
    was_there, was_not = young(), young()
    services.attendance_record(
        activity=activity, recorded_by=worker, statuses={was_there.pk: "present"}
    )
    services.rung_rate(activity=activity, user=was_there, rung="consultation")
    services.rung_rate(activity=activity, user=was_there, rung="engagement")
    assert RungRating.objects.get().rung == "engagement"
    with pytest.raises(
        ValidationError, match="You can say which rung it reached if you were there"
    ):
        services.rung_rate(activity=activity, user=was_not, rung="co_production")


def test_the_day_before_reminder_goes_once_to_people_with_a_place():
    with time_machine.travel(at(0, hour=9), tick=False):
        tomorrow = make_activity(starts_at=at(1, hour=17), capacity=1, title="Big Conversation")
        later = make_activity(starts_at=at(3, hour=17))
        kai, waiting = young(), young()
        services.activity_signup(activity=tomorrow, user=kai)
        services.activity_signup(activity=tomorrow, user=waiting)
        services.activity_signup(activity=later, user=young())

        from participation.tasks import send_activity_reminders

        assert send_activity_reminders.delay().get() == 1
        assert send_activity_reminders.delay().get() == 0

    reminders = Notification.objects.filter(kind="activity.reminder")
    assert [n.user_id for n in reminders] == [kai.pk]
    assert reminders.get().title == "Tomorrow: Big Conversation"


def test_the_reminder_schedules_are_registered():
    from participation.schedules import PERIODIC_TASKS

    tasks = {spec["task"] for spec in PERIODIC_TASKS.values()}
    assert "participation.tasks.send_activity_reminders" in tasks
    assert "participation.tasks.send_training_expiry_notes" in tasks
