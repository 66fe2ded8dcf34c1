"""Joining: open forums, applications a worker decides, nominations the young person answers,
and leaving at any time."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import (
    Application,
    ApplicationStatus,
    CareStatus,
    CareStatusKind,
    JoinRoute,
    Nomination,
    NominationStatus,
)
from participation.models import Membership, Notification, Role
from tests.factories import StaffFactory, YoungPersonFactory, birthday_for_age
from tests.forums.factories import (
    CiccFactory,
    ForumFactory,
    TaskGroupFactory,
    in_care,
    member_of,
    worker_of,
)

pytestmark = pytest.mark.django_db


def is_member(forum, person) -> bool:
    return Membership.objects.active().filter(group=forum.group, user=person).exists()


# --- Ineligible joining is blocked, with the reason shown -----------------------------------


def test_an_ineligible_young_person_is_refused_by_the_join_page_with_the_reason(client, login):
    forum = ForumFactory(name="SpeakOut", join_route=JoinRoute.OPEN, min_age=10, max_age=22)
    person = YoungPersonFactory(date_of_birth=birthday_for_age(23))
    login(person)
    response = client.post(reverse("forums:join", args=[forum.slug]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "You are 23. SpeakOut is for young people aged 10 to 22." in page
    assert not is_member(forum, person)


def test_the_join_page_tells_an_ineligible_young_person_why_before_they_try(client, login):
    forum = ForumFactory(name="SpeakOut", area="Kent")
    login(YoungPersonFactory(area="Bilston"))
    response = client.get(reverse("forums:join", args=[forum.slug]))
    assert (
        "SpeakOut is for young people who live in Kent, not Bilston." in response.content.decode()
    )


def test_the_forum_page_shows_the_reason_too(client, login):
    forum = ForumFactory(name="HeadStart Ambassadors", min_age=16, max_age=25)
    login(YoungPersonFactory(date_of_birth=birthday_for_age(14)))
    page = client.get(reverse("forums:detail", args=[forum.slug])).content.decode()
    assert "You can't join HeadStart Ambassadors right now" in page
    assert "You are 14. HeadStart Ambassadors is for young people aged 16 to 25." in page


def test_an_ineligible_application_is_refused_with_the_reason_and_what_was_typed_is_kept(
    client, login
):
    forum = ForumFactory(
        name="HeadStart Ambassadors", join_route=JoinRoute.APPLICATION, min_age=16, max_age=25
    )
    person = YoungPersonFactory(date_of_birth=birthday_for_age(14))
    login(person)
    response = client.post(
        reverse("forums:apply", args=[forum.slug]), {"why": "I want to help younger people."}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "You are 14. HeadStart Ambassadors is for young people aged 16 to 25." in page
    assert "I want to help younger people." in page
    assert not Application.objects.exists()


def test_a_care_forum_refuses_a_young_person_not_known_to_be_in_care():
    cicc = CiccFactory(join_route=JoinRoute.OPEN)
    with pytest.raises(ValidationError) as error:
        services.membership_join(forum=cicc, person=YoungPersonFactory())
    assert "for young people in the care of the council" in error.value.messages[0]


def test_a_worker_adding_an_ineligible_member_is_told_why():
    forum = ForumFactory(name="Youth Council", min_age=11, max_age=18)
    person = YoungPersonFactory(first_name="Jay", date_of_birth=birthday_for_age(19))
    with pytest.raises(ValidationError) as error:
        services.membership_add(forum=forum, person=person, added_by=worker_of(forum))
    assert error.value.messages == ["Jay is 19. Youth Council is for young people aged 11 to 18."]


# --- Open forums ------------------------------------------------------------------------------


def test_joining_an_open_forum_makes_a_member_and_tells_the_worker(client, login):
    forum = ForumFactory()
    person = YoungPersonFactory()
    login(person)
    response = client.post(reverse("forums:join", args=[forum.slug]))
    assert response.status_code == 302
    assert is_member(forum, person)
    assert Notification.objects.filter(user=worker_of(forum), kind="forums.member_joined").exists()


def test_joining_twice_is_refused_plainly():
    forum = ForumFactory()
    person = YoungPersonFactory()
    services.membership_join(forum=forum, person=person)
    with pytest.raises(ValidationError, match="You are already a member"):
        services.membership_join(forum=forum, person=person)
    assert Membership.objects.filter(group=forum.group, user=person).count() == 1


def test_only_open_forums_can_be_joined_straight_away():
    forum = ForumFactory(join_route=JoinRoute.APPLICATION)
    with pytest.raises(ValidationError, match="can't join"):
        services.membership_join(forum=forum, person=YoungPersonFactory())


# --- Applications -----------------------------------------------------------------------------


@pytest.fixture
def b_safe():
    return ForumFactory(name="B-Safe Team", join_route=JoinRoute.APPLICATION)


def test_an_approved_application_makes_a_member_and_tells_them(b_safe):
    person = YoungPersonFactory()
    application = services.application_submit(forum=b_safe, applicant=person, why="Keep safe")
    assert not is_member(b_safe, person)
    services.application_decide(application=application, decided_by=worker_of(b_safe), approve=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert is_member(b_safe, person)
    assert Notification.objects.filter(user=person, kind="forums.application_decided").exists()


def test_declining_needs_a_reason_which_the_young_person_reads(b_safe, client, login):
    person = YoungPersonFactory()
    application = services.application_submit(forum=b_safe, applicant=person, why="Keep safe")
    worker = worker_of(b_safe)
    login(worker)
    url = reverse("forums:application", args=[application.pk])
    response = client.post(url, {"decision": "decline", "reason": ""})
    assert response.status_code == 400
    assert "Say why, in words the young person will understand" in response.content.decode()
    client.post(url, {"decision": "decline", "reason": "We are full until September."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert not is_member(b_safe, person)
    note = Notification.objects.get(user=person, kind="forums.application_decided")
    assert "We are full until September." in note.body
    login(person)
    assert "We are full until September." in client.get(reverse("forums:mine")).content.decode()


def test_the_database_refuses_a_declined_application_without_a_reason(b_safe):
    from django.db import IntegrityError

    application = services.application_submit(
        forum=b_safe, applicant=YoungPersonFactory(), why="Keep safe"
    )
    with pytest.raises(IntegrityError):
        Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.DECLINED)


def test_one_open_application_at_a_time_and_only_forum_workers_decide(b_safe):
    person = YoungPersonFactory()
    application = services.application_submit(forum=b_safe, applicant=person, why="Keep safe")
    with pytest.raises(ValidationError, match="already applied"):
        services.application_submit(forum=b_safe, applicant=person, why="Again")
    other_worker = worker_of(ForumFactory())
    with pytest.raises(ValidationError, match="Only this forum's workers"):
        services.application_decide(application=application, decided_by=other_worker, approve=True)
    assert not is_member(b_safe, person)


def test_an_application_is_checked_again_when_approved(b_safe):
    b_safe.max_age = 18
    b_safe.save()
    person = YoungPersonFactory(first_name="Sam", date_of_birth=birthday_for_age(18))
    application = services.application_submit(forum=b_safe, applicant=person, why="Keep safe")
    with time_machine.travel(timezone.now() + timedelta(days=366)):
        with pytest.raises(ValidationError, match="Sam is 19"):
            services.application_decide(
                application=application, decided_by=worker_of(b_safe), approve=True
            )
    assert not is_member(b_safe, person)


def test_a_young_person_can_take_back_their_application(b_safe, client, login):
    person = YoungPersonFactory()
    application = services.application_submit(forum=b_safe, applicant=person, why="Keep safe")
    login(person)
    client.post(reverse("forums:application_withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


# --- Nominations only take effect when the young person accepts -----------------------------


@pytest.fixture
def professional():
    return StaffFactory(roles=[Role.PROFESSIONAL])


def test_a_nomination_makes_nobody_a_member_until_the_young_person_says_yes(professional):
    cicc = CiccFactory(name="Children in Care Council")
    person = YoungPersonFactory()
    in_care(person)
    nomination = services.nomination_create(
        forum=cicc, young_person=person, nominated_by=professional, reason="She'd be great."
    )
    assert nomination.status == NominationStatus.PENDING
    assert not Membership.objects.filter(user=person).exists()
    assert Notification.objects.filter(user=person, kind="forums.nominated").exists()

    services.nomination_respond(nomination=nomination, young_person=person, accept=True)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACCEPTED
    assert is_member(cicc, person)
    assert Notification.objects.filter(
        user=professional, kind="forums.nomination_answered"
    ).exists()


def test_a_young_person_may_say_no_thank_you_and_nothing_changes(professional, client, login):
    cicc = CiccFactory(name="Children in Care Council")
    person = YoungPersonFactory()
    in_care(person)
    nomination = services.nomination_create(
        forum=cicc, young_person=person, nominated_by=professional, reason="He'd be great."
    )
    login(person)
    response = client.post(reverse("forums:nomination", args=[nomination.pk]), {"answer": "no"})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECLINED
    assert not Membership.objects.filter(user=person).exists()
    note = Notification.objects.get(user=professional, kind="forums.nomination_answered")
    assert "That is their choice to make." in note.body
    with pytest.raises(ValidationError, match="already answered"):
        services.nomination_respond(nomination=nomination, young_person=person, accept=True)
    assert not Membership.objects.filter(user=person).exists()


def test_accepting_through_the_page_makes_them_a_member(professional, client, login):
    cicc = CiccFactory()
    person = YoungPersonFactory()
    in_care(person)
    nomination = services.nomination_create(
        forum=cicc, young_person=person, nominated_by=professional, reason="Great."
    )
    login(person)
    client.post(reverse("forums:nomination", args=[nomination.pk]), {"answer": "yes"})
    assert is_member(cicc, person)


def test_only_the_nominated_young_person_can_answer(professional):
    cicc = CiccFactory()
    person = YoungPersonFactory()
    in_care(person)
    nomination = services.nomination_create(
        forum=cicc, young_person=person, nominated_by=professional, reason="Great."
    )
    with pytest.raises(ValidationError):
        services.nomination_respond(nomination=nomination, young_person=professional, accept=True)
    with pytest.raises(ValidationError):
        services.nomination_respond(
            nomination=nomination, young_person=YoungPersonFactory(), accept=True
        )
    assert not Membership.objects.filter(group=cicc.group).exists()


def test_a_professional_confirms_care_status_which_is_recorded_privately(
    professional, client, login
):
    cicc = CiccFactory(name="Children in Care Council")
    person = YoungPersonFactory(first_name="Ellie")
    login(professional)
    url = reverse("forums:nominate", args=[cicc.slug])
    response = client.post(url, {"email": person.email, "reason": "She'd be great."})
    assert response.status_code == 400
    assert "Tick the box to confirm Ellie is in the care of the council." in (
        response.content.decode()
    )
    assert "She&#x27;d be great." in response.content.decode()
    assert not Nomination.objects.exists()
    response = client.post(
        url, {"email": person.email, "reason": "She'd be great.", "confirms_care_status": "on"}
    )
    assert response.status_code == 302
    assert CareStatus.objects.get(user=person).status == CareStatusKind.IN_CARE
    assert Nomination.objects.get().young_person == person
    assert not Membership.objects.filter(user=person).exists()


def test_a_professional_is_told_why_an_ineligible_young_person_cant_be_put_forward(
    professional, client, login
):
    cicc = CiccFactory(name="Children in Care Council")
    person = YoungPersonFactory(first_name="Jay", date_of_birth=birthday_for_age(19))
    in_care(person)
    login(professional)
    response = client.post(
        reverse("forums:nominate", args=[cicc.slug]), {"email": person.email, "reason": "Great."}
    )
    assert response.status_code == 400
    assert "Jay is 19. Children in Care Council is for young people aged 11 to 18." in (
        response.content.decode()
    )
    assert not Nomination.objects.exists()


def test_an_unknown_email_is_explained(professional, client, login):
    cicc = CiccFactory()
    login(professional)
    response = client.post(
        reverse("forums:nominate", args=[cicc.slug]),
        {"email": "nobody@example.org", "reason": "Great."},
    )
    assert response.status_code == 400
    assert "Nobody on the portal has that email address." in response.content.decode()


def test_eligibility_is_checked_again_when_the_young_person_accepts(professional):
    cicc = CiccFactory()
    person = YoungPersonFactory(date_of_birth=birthday_for_age(18))
    in_care(person)
    nomination = services.nomination_create(
        forum=cicc, young_person=person, nominated_by=professional, reason="Great."
    )
    with time_machine.travel(timezone.now() + timedelta(days=366)):
        with pytest.raises(ValidationError, match="You are 19"):
            services.nomination_respond(nomination=nomination, young_person=person, accept=True)
    assert not Membership.objects.filter(user=person).exists()


def test_one_reminder_a_week_later_and_never_twice(professional):
    cicc = CiccFactory()
    person = YoungPersonFactory()
    in_care(person)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        services.nomination_create(
            forum=cicc, young_person=person, nominated_by=professional, reason="Great."
        )
    with time_machine.travel(start + timedelta(days=6), tick=False):
        assert services.nomination_reminders_send() == 0
    with time_machine.travel(start + timedelta(days=7, minutes=1), tick=False):
        from forums.tasks import send_nomination_reminders

        assert send_nomination_reminders() == 1
        assert send_nomination_reminders() == 0
    assert Notification.objects.filter(user=person, kind="forums.nomination_reminder").count() == 1


# --- Leaving ----------------------------------------------------------------------------------


def test_a_young_person_can_leave_at_any_time_and_their_roles_and_task_groups_end(client, login):
    forum = ForumFactory()
    person = YoungPersonFactory()
    member_of(forum, person)
    member_of(forum, person, role="chair")
    task_group = TaskGroupFactory(forum=forum)
    member_of(task_group, person)
    login(person)
    assert client.get(reverse("forums:leave", args=[forum.slug])).status_code == 200
    response = client.post(reverse("forums:leave", args=[forum.slug]))
    assert response.status_code == 302
    assert not Membership.objects.active().filter(user=person).exists()
    assert Membership.objects.filter(user=person, ended_on=timezone.localdate()).count() == 3
    assert Notification.objects.filter(user=worker_of(forum), kind="forums.member_left").exists()


def test_leaving_gives_up_places_at_future_meetings(client, login):
    from participation.models import SignupStatus
    from participation.services.activities import activity_signup
    from tests.forums.factories import MeetingFactory

    forum = ForumFactory()
    person = YoungPersonFactory()
    member_of(forum, person)
    meeting = MeetingFactory(forum=forum)
    signup = activity_signup(activity=meeting.activity, user=person)
    services.membership_leave(forum=forum, person=person)
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CANCELLED


def test_someone_who_left_can_join_again():
    forum = ForumFactory()
    person = YoungPersonFactory()
    services.membership_join(forum=forum, person=person)
    services.membership_leave(forum=forum, person=person)
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        services.membership_join(forum=forum, person=person)
        assert is_member(forum, person)
