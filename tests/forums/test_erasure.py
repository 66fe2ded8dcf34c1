"""Deleting an account erases what forums holds about the person: their care status, their
applications and the nominations of them go, the actions they were to do name nobody, and a
worker who leaves is no longer one of a forum's workers. Every forums model that points at a
person has a policy, and the data download lists everything forums holds."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from forums import services
from forums.models import (
    Application,
    CareStatus,
    Forum,
    Nomination,
    PolicyItem,
)
from participation.models import Notification, Organisation, Role
from participation.registry import registry
from participation.services import role_grant
from participation.services.personal_data import account_erase, personal_data_export
from tests.factories import StaffFactory, WorkerFactory, YoungPersonFactory
from tests.forums.factories import (
    CiccFactory,
    ForumFactory,
    MeetingActionFactory,
    MeetingFactory,
    in_care,
    member_of,
    worker_of,
)

pytestmark = pytest.mark.django_db

WHY = "I want to help other young people in care feel heard."
NOMINATED_BECAUSE = "Ellie speaks up for her friends at the children's home."


def _erase(user):
    account_erase(user=user, confirmation="delete my account")
    user.refresh_from_db()


def _ellie():
    """A young person with something in every forums table that can hold her."""
    ellie = YoungPersonFactory(first_name="Ellie", last_name="Brown")
    in_care(ellie)
    cicc = CiccFactory(name="Children in Care Council")
    professional = StaffFactory(roles=[Role.PROFESSIONAL])
    Nomination.objects.create(
        forum=cicc, young_person=ellie, nominated_by=professional, reason=NOMINATED_BECAUSE
    )
    b_safe = ForumFactory(name="B-Safe Team", join_route="application")
    services.application_submit(forum=b_safe, applicant=ellie, why=WHY)
    youth_council = ForumFactory(name="Youth Council")
    member_of(youth_council, ellie)
    action = MeetingActionFactory(
        meeting=MeetingFactory(forum=youth_council), owner=ellie, description="Ask about buses."
    )
    return ellie, action


def test_deleting_a_young_persons_account_leaves_nothing_in_forums_that_links_to_them():
    ellie, action = _ellie()
    other = YoungPersonFactory()
    in_care(other)

    _erase(ellie)

    assert not CareStatus.objects.filter(user=ellie).exists()
    assert CareStatus.objects.filter(user=other).exists()
    assert not Application.objects.filter(applicant=ellie).exists()
    assert not Nomination.objects.filter(young_person=ellie).exists()
    action.refresh_from_db()
    assert action.owner is None and action.owner_name == ""
    assert action.description == "Ask about buses."  # the forum's record stays
    export = registry.export_sections["forums"](ellie)
    assert not any(export.values())


def test_no_forums_table_still_holds_the_words_they_wrote_or_were_written_about_them():
    ellie, _action = _ellie()
    _erase(ellie)
    forum_tables = [
        m._meta.db_table
        for m in apps.get_app_config("forums").get_models(include_auto_created=True)
    ]
    with connection.cursor() as cursor:
        for table in forum_tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
            text = repr(cursor.fetchall())
            assert WHY not in text, table
            assert NOMINATED_BECAUSE not in text, table


def test_notes_forums_sent_to_workers_no_longer_name_them():
    ellie, _action = _ellie()
    b_safe = Forum.objects.get(group__name="B-Safe Team")
    note = Notification.objects.get(user=worker_of(b_safe), kind="forums.application_new")
    assert "Ellie Brown" in note.body
    _erase(ellie)
    note.refresh_from_db()
    assert "Ellie" not in note.title + note.body
    assert note.title.startswith("New application to B-Safe Team")
    assert note.body == (
        "A young person who has since left the portal has applied to join B-Safe Team."
    )


def test_a_worker_who_leaves_is_no_longer_a_forums_worker_and_their_decisions_name_nobody():
    forum = ForumFactory(name="B-Safe Team", join_route="application", workers=[])
    worker, stays = WorkerFactory(), WorkerFactory()
    forum.workers.add(worker, stays)
    application = services.application_submit(
        forum=forum, applicant=YoungPersonFactory(), why="Keep safe"
    )
    services.application_decide(application=application, decided_by=worker, approve=True)
    action = MeetingActionFactory(meeting=MeetingFactory(forum=forum), created_by=worker)

    _erase(worker)

    assert list(forum.workers.all()) == [stays]
    application.refresh_from_db()
    assert application.decided_by is None and application.status == "approved"
    action.refresh_from_db()
    assert action.created_by is None


def test_an_officer_who_leaves_keeps_the_forums_answer_on_record():
    officer = StaffFactory(roles=[])
    role_grant(
        user=officer,
        role=Role.OFFICER,
        organisation=Organisation.objects.create(name="Council", slug="c", kind="council"),
    )
    forum = ForumFactory()
    item = services.policy_item_propose(
        forum=forum, brought_by=officer, title="Buses", summary="s", questions="q"
    )
    services.policy_item_respond(
        policy_item=item, responded_by=worker_of(forum), response="Cheaper buses."
    )
    _erase(officer)
    item.refresh_from_db()
    assert item.response == "Cheaper buses."
    assert item.brought_by.email.endswith("@deleted.invalid")


def _points_at_a_person(model) -> bool:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return any(
        field.is_relation and field.related_model is user_model and field.concrete
        for field in model._meta.get_fields()
    )


def test_every_forums_model_that_points_at_a_person_has_an_erasure_policy():
    models = [
        m
        for m in apps.get_app_config("forums").get_models(include_auto_created=True)
        if _points_at_a_person(m)
    ]
    assert Forum.workers.through in models and CareStatus in models
    missing = [
        m._meta.label_lower for m in models if m._meta.label_lower not in registry.erasure_policies
    ]
    assert not missing, f"forums models with no erasure policy: {missing}"


def test_the_data_download_lists_everything_forums_holds_about_a_person():
    ellie, _action = _ellie()
    data = personal_data_export(user=ellie)["forums"]
    assert data["care_status"] == "In the care of the council"
    assert [a["why"] for a in data["forum_applications"]] == [WHY]
    assert [n["why"] for n in data["forum_nominations"]] == [NOMINATED_BECAUSE]
    assert [a["action"] for a in data["forum_actions"]] == ["Ask about buses."]
    assert {m["forum"] for m in data["forum_memberships"]} == {"Youth Council"}


def test_a_staff_members_download_lists_what_they_did_for_forums():
    worker = WorkerFactory()
    forum = ForumFactory(name="Youth Council", workers=[worker])
    officer = StaffFactory(roles=[])
    role_grant(
        user=officer,
        role=Role.OFFICER,
        organisation=Organisation.objects.create(name="Council", slug="c", kind="council"),
    )
    PolicyItem.objects.create(
        forum=forum, title="Buses", summary="s", questions="q", brought_by=officer
    )
    assert registry.export_sections["forums"](worker)["forums_supported"] == ["Youth Council"]
    items = registry.export_sections["forums"](officer)["forum_policy_items"]
    assert [i["title"] for i in items] == ["Buses"]
