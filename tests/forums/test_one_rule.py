"""One permission layer, one eligibility service, one way to change a status: the page and
the service ask the same rule, so they cannot disagree."""

import pytest
from django.urls import reverse

from forums import services
from forums.models import (
    ACTION_FLOW,
    APPLICATION_FLOW,
    NOMINATION_FLOW,
    POLICY_ITEM_FLOW,
    ActionStatus,
    CareStatus,
    CareStatusKind,
    JoinRoute,
    Nomination,
)
from forums.services.eligibility import care_status_rule
from participation.access import Refused
from participation.models import AuditEvent, Role
from participation.registry import registry
from participation.transitions import BadMove
from tests.factories import StaffFactory, WorkerFactory, YoungPersonFactory
from tests.forums.factories import (
    CiccFactory,
    ForumFactory,
    MeetingActionFactory,
    in_care,
    worker_of,
)

pytestmark = pytest.mark.django_db


# --- Care status: one rule for the page and the service ----------------------------------------


@pytest.fixture
def professional():
    return StaffFactory(roles=[Role.PROFESSIONAL])


def test_a_professional_may_not_record_care_status_from_the_page_or_the_service(
    client, login, professional
):
    person = YoungPersonFactory()
    assert not professional.has_perm("forums.record_care_status")
    login(professional)
    assert client.get(reverse("forums:care_status")).status_code == 403
    with pytest.raises(Refused):
        services.care_status_set(
            person=person, status=CareStatusKind.IN_CARE, recorded_by=professional
        )
    assert not CareStatus.objects.filter(user=person).exists()


def test_a_professional_confirms_care_status_only_through_their_own_nomination(professional):
    cicc = CiccFactory()
    person = YoungPersonFactory()
    theirs = Nomination(forum=cicc, young_person=person, nominated_by=professional, reason="r")
    someone_elses = Nomination(
        forum=cicc, young_person=person, nominated_by=StaffFactory(roles=[Role.PROFESSIONAL])
    )
    assert professional.has_perm("forums.record_care_status", theirs)
    assert not professional.has_perm("forums.record_care_status", someone_elses)
    record = services.care_status_set(
        person=person, status=CareStatusKind.IN_CARE, recorded_by=professional, nomination=theirs
    )
    assert record.recorded_by == professional


def test_a_professional_never_overwrites_what_a_worker_recorded(professional):
    cicc = CiccFactory()
    person = YoungPersonFactory(first_name="Ellie")
    in_care(person, CareStatusKind.NOT_IN_CARE)
    nomination = Nomination(forum=cicc, young_person=person, nominated_by=professional)
    assert not professional.has_perm("forums.record_care_status", nomination)
    with pytest.raises(Refused):
        services.care_status_set(
            person=person,
            status=CareStatusKind.IN_CARE,
            recorded_by=professional,
            nomination=nomination,
        )
    with pytest.raises(Exception, match="our records don't show that Ellie is"):
        services.nomination_create(
            forum=cicc,
            young_person=person,
            nominated_by=professional,
            reason="Great.",
            confirms_care_status=True,
        )
    assert CareStatus.objects.get(user=person).status == CareStatusKind.NOT_IN_CARE


def test_a_worker_records_care_status_for_anyone():
    worker = WorkerFactory()
    assert worker.has_perm("forums.record_care_status")
    services.care_status_set(
        person=YoungPersonFactory(), status=CareStatusKind.CARE_LEAVER, recorded_by=worker
    )


# --- Eligibility: the forum's care status is a rule of the base service -------------------------


def test_care_status_is_the_base_eligibility_services_registered_rule():
    assert registry.eligibility_rules["care_status"] is care_status_rule
    cicc = CiccFactory(name="Children in Care Council")
    person = YoungPersonFactory(first_name="Jay")
    result = services.forum_eligibility(forum=cicc, person=person, about_them=True)
    assert result.reasons == (
        "Children in Care Council is for young people in the care of the council. A "
        "participation worker or their social worker needs to tell us about that first.",
    )


# --- Transitions: every status change is a move of the model's workflow, audited -----------------


def test_each_status_carrying_model_declares_its_workflow():
    assert {APPLICATION_FLOW.label, NOMINATION_FLOW.label, ACTION_FLOW.label} == {
        "forums.application",
        "forums.nomination",
        "forums.meeting_action",
    }
    assert POLICY_ITEM_FLOW.states == {"proposed", "on_agenda", "answered"}


def test_a_decided_application_cannot_be_decided_again_and_each_decision_is_audited():
    forum = ForumFactory(join_route=JoinRoute.APPLICATION)
    application = services.application_submit(
        forum=forum, applicant=YoungPersonFactory(), why="Keep safe"
    )
    worker = worker_of(forum)
    services.application_decide(application=application, decided_by=worker, approve=True)
    event = AuditEvent.objects.get(action="forums.application.approve")
    assert event.actor == worker
    with pytest.raises(BadMove, match="already been decided"):
        services.application_decide(
            application=application, decided_by=worker, approve=False, reason="No."
        )


def test_a_decline_still_needs_a_reason():
    forum = ForumFactory(join_route=JoinRoute.APPLICATION)
    application = services.application_submit(
        forum=forum, applicant=YoungPersonFactory(), why="Keep safe"
    )
    with pytest.raises(Exception, match="Say why"):
        services.application_decide(
            application=application, decided_by=worker_of(forum), approve=False, reason=" "
        )
    application.refresh_from_db()
    assert application.status == "pending"


def test_action_status_changes_are_moves():
    action = MeetingActionFactory()
    worker = worker_of(action.meeting.forum)
    services.action_status_set(action=action, status=ActionStatus.DONE, changed_by=worker)
    services.action_status_set(action=action, status=ActionStatus.OPEN, changed_by=worker)
    assert list(
        AuditEvent.objects.filter(action__startswith="forums.meeting_action.")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["forums.meeting_action.finish", "forums.meeting_action.reopen"]
