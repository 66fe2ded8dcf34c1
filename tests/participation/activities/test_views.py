"""The activity pages: signing up and cancelling, the worker's forms, attendance with group
sign-off in one step, consent for an under-13, and saying which rung it reached."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from participation.models import (
    Activity,
    ActivitySignup,
    Attendance,
    AuditEvent,
    Notification,
    RungRating,
    TrainingCompletion,
)
from tests import factories
from tests.participation.training.helpers import a_worker, make_activity, make_module, young

pytestmark = pytest.mark.django_db


def follow_messages(response) -> str:
    return response.content.decode()


def test_sign_up_and_cancel_through_the_page(client, login):
    activity = make_activity(capacity=1, title="Open Space event")
    kai, nia = young(), young()

    login(kai)
    page = client.get(reverse("activity_detail", args=[activity.pk])).content.decode()
    assert ">Sign up</button>" in page
    response = client.post(reverse("activity_signup", args=[activity.pk]), follow=True)
    assert "You have a place." in response.content.decode()
    assert "Cancel my place" in response.content.decode()

    login(nia)
    page = client.get(reverse("activity_detail", args=[activity.pk])).content.decode()
    assert "Join the waiting list" in page
    response = client.post(reverse("activity_signup", args=[activity.pk]), follow=True)
    assert "you&#x27;re on the waiting list" in response.content.decode()

    login(kai)
    response = client.post(reverse("activity_cancel", args=[activity.pk]), follow=True)
    assert "You have cancelled" in response.content.decode()
    assert ActivitySignup.objects.get(user=nia).status == "confirmed"
    assert Notification.objects.filter(user=nia, kind="activity.promoted").count() == 1


def test_a_refused_sign_up_says_why_on_the_page(client, login):
    activity = make_activity(min_age=16)
    login(young(age=14))
    page = client.get(reverse("activity_detail", args=[activity.pk])).content.decode()
    assert "This activity is for young people aged 16 or over." in page
    response = client.post(reverse("activity_signup", args=[activity.pk]), follow=True)
    assert response.status_code == 200
    assert "This activity is for young people aged 16 or over." in response.content.decode()
    assert not ActivitySignup.objects.exists()


def test_an_under_13_is_told_their_place_is_held(client, login):
    activity = make_activity()
    login(young(age=11))
    response = client.post(reverse("activity_signup", args=[activity.pk]), follow=True)
    assert "a parent or carer needs to say yes first" in response.content.decode()


def activity_form(**overrides):
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    data = {
        "title": "Open Space event",
        "kind": "open_space",
        "description": "Young people choose the topics.",
        "date": day,
        "start_time": "10:00",
        "end_time": "15:00",
        "place": "Wolverhampton Civic Hall",
        "access_info": "Step-free entrance.",
        "audience_group": "",
        "min_age": "",
        "max_age": "",
        "capacity": "80",
        "planned_rung": "co_production",
        "training_module": "",
    }
    data.update(overrides)
    return data


def test_a_worker_adds_an_activity(client, login):
    login(a_worker())
    response = client.post(reverse("activity_create"), activity_form())
    activity = Activity.objects.get()
    assert response.url == reverse("activity_detail", args=[activity.pk])
    assert activity.capacity == 80
    assert activity.planned_rung == "co_production"
    assert timezone.localtime(activity.starts_at).hour == 10
    assert activity.duration_hours == 5


def test_bad_activity_input_is_explained_and_kept(client, login):
    login(a_worker())
    response = client.post(
        reverse("activity_create"),
        activity_form(end_time="09:00", capacity="0", min_age="16", max_age="12"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "The end time must be after the start time." in page
    assert "Places must be at least 1. Leave it empty for no limit." in page
    assert "The oldest age can&#x27;t be lower than the youngest age." in page
    assert 'value="Wolverhampton Civic Hall"' in page
    assert "Step-free entrance." in page
    assert not Activity.objects.exists()


def test_a_worker_changes_an_activity_and_more_places_promote_people(client, login):
    worker = a_worker()
    activity = make_activity(worker=worker, capacity=1)
    kai, nia = young(), young()
    from participation import services

    services.activity_signup(activity=activity, user=kai)
    services.activity_signup(activity=activity, user=nia)
    login(worker)
    form = client.get(reverse("activity_edit", args=[activity.pk])).content.decode()
    assert 'value="SpeakOut session"' in form
    starts = timezone.localtime(activity.starts_at)
    response = client.post(
        reverse("activity_edit", args=[activity.pk]),
        activity_form(
            title="SpeakOut session",
            date=starts.date().isoformat(),
            start_time=starts.strftime("%H:%M"),
            end_time=(starts + timedelta(hours=2)).strftime("%H:%M"),
            capacity="2",
        ),
    )
    assert response.status_code == 302
    assert ActivitySignup.objects.get(user=nia).status == "confirmed"


def test_lowering_places_below_the_people_with_one_is_explained(client, login):
    worker = a_worker()
    activity = make_activity(worker=worker, capacity=3)
    from participation import services

    for _ in range(2):
        services.activity_signup(activity=activity, user=young())
    login(worker)
    starts = timezone.localtime(activity.starts_at)
    response = client.post(
        reverse("activity_edit", args=[activity.pk]),
        activity_form(
            date=starts.date().isoformat(),
            start_time=starts.strftime("%H:%M"),
            end_time=(starts + timedelta(hours=2)).strftime("%H:%M"),
            capacity="1",
        ),
    )
    assert response.status_code == 400
    assert "2 people already have a place" in response.content.decode()


def test_a_worker_records_attendance_and_signs_off_the_whole_group_in_one_step(client, login):
    worker = a_worker()
    interview = make_module(
        title="Interview training", unlocks=["recruitment_panel"], worker=worker
    )
    session = make_activity(
        worker=worker,
        title="Interview training session",
        kind="training",
        starts_at=timezone.now() - timedelta(hours=4),
        training_module=interview,
    )
    people = [young() for _ in range(4)]
    for person in people:
        ActivitySignup.objects.create(activity=session, user=person, status="confirmed")
    walk_in = young()
    login(worker)
    page = client.get(reverse("activity_attendance", args=[session.pk])).content.decode()
    assert "Also sign off Interview training for everyone marked present" in page

    response = client.post(
        reverse("activity_attendance", args=[session.pk]),
        {
            f"status_{people[0].pk}": "present",
            f"status_{people[1].pk}": "present",
            f"status_{people[2].pk}": "present",
            f"status_{people[3].pk}": "apologies",
            "walk_in_email": walk_in.email,
            "sign_off": "on",
        },
    )
    assert response.status_code == 302
    signed_off = set(
        TrainingCompletion.objects.filter(module=interview).values_list("user_id", flat=True)
    )
    assert signed_off == {people[0].pk, people[1].pk, people[2].pk, walk_in.pk}
    completion = TrainingCompletion.objects.get(user=people[0])
    assert completion.signed_off_by == worker
    assert completion.activity == session
    assert completion.method == "face_to_face"
    assert Attendance.objects.filter(activity=session, status="present").count() == 4
    assert AuditEvent.objects.filter(action="training.group_signoff").count() == 1

    from participation.services import is_trained

    assert is_trained(people[0], "recruitment_panel")
    assert not is_trained(people[3], "recruitment_panel")


def test_a_failed_sign_off_saves_nothing(client, login):
    worker = a_worker()
    session = make_activity(
        worker=worker,
        kind="training",
        starts_at=timezone.now() - timedelta(hours=4),
        training_module=make_module(worker=worker),
    )
    kai = young()
    ActivitySignup.objects.create(activity=session, user=kai, status="confirmed")
    login(worker)
    response = client.post(
        reverse("activity_attendance", args=[session.pk]),
        {f"status_{kai.pk}": "absent", "sign_off": "on"},
    )
    assert response.status_code == 400
    assert "Nobody is marked present" in response.content.decode()
    assert not Attendance.objects.exists()
    assert not TrainingCompletion.objects.exists()


def test_an_unknown_walk_in_email_is_explained(client, login):
    worker = a_worker()
    session = make_activity(worker=worker, starts_at=timezone.now() - timedelta(hours=4))
    login(worker)
    response = client.post(
        reverse("activity_attendance", args=[session.pk]), {"walk_in_email": "nobody@example.org"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nobody has an account with this email address." in page
    assert 'value="nobody@example.org"' in page


def test_a_worker_records_consent_on_the_page(client, login):
    worker = a_worker()
    activity = make_activity(worker=worker)
    from participation import services

    leo = young(age=11, first_name="Leo")
    signup = services.activity_signup(activity=activity, user=leo)
    login(worker)
    url = reverse("activity_consent", args=[activity.pk, signup.pk])
    missing = client.post(url, {"given_by_name": "Sam Patel"})
    assert missing.status_code == 400
    assert "Tick this box to confirm the parent or carer said yes." in missing.content.decode()
    assert 'value="Sam Patel"' in missing.content.decode()

    response = client.post(
        url,
        {
            "given_by_name": "Sam Patel",
            "relationship": "Dad",
            "contact": "",
            "how_given": "phone",
            "confirmed": "on",
        },
    )
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.status == "confirmed"


def test_someone_who_was_there_says_which_rung_it_reached(client, login):
    worker = a_worker()
    activity = make_activity(
        worker=worker, starts_at=timezone.now() - timedelta(days=1), planned_rung="co_production"
    )
    kai = young()
    Attendance.objects.create(activity=activity, user=kai, status="present", recorded_by=worker)
    login(kai)
    page = client.get(reverse("activity_detail", args=[activity.pk])).content.decode()
    assert "Tell us how much say young people really had" in page
    empty = client.post(reverse("activity_rung", args=[activity.pk]), {})
    assert empty.status_code == 400
    assert "Choose the rung you think it reached." in empty.content.decode()
    client.post(reverse("activity_rung", args=[activity.pk]), {"rung": "consultation"})
    assert RungRating.objects.get(user=kai).rung == "consultation"
    page = client.get(reverse("activity_detail", args=[activity.pk])).content.decode()
    assert "You said it reached <strong>Consultation</strong>" in page

    login(young())
    response = client.post(reverse("activity_rung", args=[activity.pk]), {"rung": "coercion"})
    assert "You can say which rung it reached if you were there" in response.content.decode()


def test_past_activities_are_listed_separately(client, login):
    make_activity(starts_at=timezone.now() - timedelta(days=3), title="Make Your Mark workshop")
    make_activity(title="The Big Conversation")
    login(young())
    upcoming = client.get(reverse("activity_list")).content.decode()
    past = client.get(reverse("activity_list") + "?when=past").content.decode()
    assert "The Big Conversation" in upcoming and "Make Your Mark workshop" not in upcoming
    assert "Make Your Mark workshop" in past and "The Big Conversation" not in past


def test_group_activity_shows_the_group_name_to_members(client, login):
    group = factories.GroupFactory(name="Youth Council")
    make_activity(audience_group=group, title="Youth Council AGM")
    member = young()
    factories.MembershipFactory(group=group, user=member)
    login(member)
    assert "members of Youth Council" in client.get(reverse("activity_list")).content.decode()
