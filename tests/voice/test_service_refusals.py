"""Every public write service of "you said, we did" refuses an actor without the permission,
in the permission layer's plain words, and writes nothing. `COVERED` and `EXEMPT` are read by
tests/base/test_every_service_is_checked.py."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from participation.access import Refused, refusal_for
from participation.models import AuditEvent, Notification
from participation.voice import services
from participation.voice.models import (
    Concern,
    Consultation,
    Follow,
    Question,
    Rating,
    Response,
    SafeguardingLead,
    SessionFeedback,
    Submission,
    YouSaidItem,
)
from tests.participation.training.helpers import make_activity
from tests.voice.factories import World

pytestmark = pytest.mark.django_db


class RefusalWorld(World):
    def __init__(self):
        super().__init__()
        self.raised = self.raise_item(title="Raised only")
        self.unapproved_routed = self.routed(self.raise_item(title="Routed, words unchecked"))
        self.routed_item = self.public_routed(title="Routed")
        self.answered = self.public_routed(title="Answered")
        self.answer(self.answered)
        self.draft = self.consultation()
        self.open = self.consultation()
        services.consultation_open(consultation=self.open, opened_by=self.officer)
        self.closed = self.consultation()
        services.consultation_open(consultation=self.closed, opened_by=self.officer)
        services.consultation_close(consultation=self.closed, closed_by=self.officer)
        self.activity = make_activity(starts_at=timezone.now() - timedelta(hours=3))
        self.concern = services.concern_report(
            reported_by=self.friend, target=self.routed_item, about_safety=False, what="Unkind"
        )

    def consultation(self):
        c = services.consultation_create(
            created_by=self.officer,
            title="Parks",
            description="Parks",
            audience="young_people",
            organisation=self.council,
            success_measure="Two changes.",
            opens_at=timezone.now() - timedelta(days=1),
            closes_at=timezone.now() + timedelta(days=7),
        )
        services.question_add(consultation=c, added_by=self.officer, kind="text", text="Why?")
        return c


CASES = {
    services.item_raise: (
        "voice.raise_item",
        lambda w: dict(raised_by=w.officer, topic="other", title="t", text="x"),
    ),
    services.item_follow: (
        "voice.follow_item",
        lambda w: dict(item=w.raised, user=w.friend),
    ),
    services.item_text_approve: (
        "voice.approve_text",
        lambda w: dict(item=w.raised, approved_by=w.officer),
    ),
    services.item_route: (
        "voice.route_item",
        lambda w: dict(item=w.raised, routed_by=w.officer, organisation=w.council),
    ),
    services.item_decline: (
        "voice.route_item",
        lambda w: dict(item=w.raised, declined_by=w.young, reason="No"),
    ),
    services.item_reopen: (
        "voice.route_item",
        lambda w: dict(item=w.answered, reopened_by=w.officer),
    ),
    services.item_close: (
        "voice.route_item",
        lambda w: dict(item=w.answered, closed_by=w.officer),
    ),
    services.response_publish: (
        "voice.respond_item",
        lambda w: dict(
            items=[w.routed_item],
            published_by=w.other_officer,
            outcome="done",
            text="t",
            plain_text="p",
        ),
    ),
    services.response_rate: (
        "voice.rate_response",
        lambda w: dict(item=w.answered, user=w.friend, good_enough=True),
    ),
    services.consultation_create: (
        "voice.manage_consultation",
        lambda w: dict(
            created_by=w.young,
            title="t",
            description="d",
            audience="young_people",
            opens_at=timezone.now(),
            closes_at=timezone.now() + timedelta(days=1),
        ),
    ),
    services.question_add: (
        "voice.manage_consultation",
        lambda w: dict(consultation=w.draft, added_by=w.other_officer, kind="text", text="Q"),
    ),
    services.consultation_open: (
        "voice.manage_consultation",
        lambda w: dict(consultation=w.draft, opened_by=w.other_officer),
    ),
    services.consultation_answer: (
        "voice.answer_consultation",
        lambda w: dict(consultation=w.draft, user=w.young, answers={}),
    ),
    services.consultation_close: (
        "voice.manage_consultation",
        lambda w: dict(consultation=w.open, closed_by=w.other_officer),
    ),
    services.consultation_summarise: (
        "voice.summarise_consultation",
        lambda w: dict(
            consultation=w.closed,
            summarised_by=w.officer,
            summary="s",
            items=[services.ItemDraft(title="t")],
        ),
    ),
    services.consultation_report: (
        "voice.manage_consultation",
        lambda w: dict(consultation=w.closed, reported_by=w.other_officer, success_report="r"),
    ),
    services.concern_report: (
        "voice.report_concern",
        lambda w: dict(
            reported_by=AnonymousUser(), target=w.routed_item, about_safety=True, what="x"
        ),
    ),
    services.concern_resolve: (
        "voice.moderate",
        lambda w: dict(concern=w.concern, resolved_by=w.officer, resolution="Done"),
    ),
    services.safeguarding_lead_appoint: (
        "voice.appoint_lead",
        lambda w: dict(user=w.worker, appointed_by=w.worker),
    ),
    services.session_feedback_give: (
        "voice.give_session_feedback",
        lambda w: dict(activity=w.activity, user=w.parent, score=4),
    ),
    services.participation_lead_appoint: (
        "voice.appoint_lead",
        lambda w: dict(user=w.worker, appointed_by=w.worker),
    ),
}

COVERED = set(CASES)

EXEMPT = {
    services.officer_reminders_send: "a periodic task: the system reminds, no person acts",
    services.overdue_items_escalate: "a periodic task: the system escalates, no person acts",
    services.check_back_reminders_send: "a periodic task: the system reminds, no person acts",
    services.tell_followers: "a helper the services call after their own permission check",
    services.latest_response: "a read: the latest answer of an item, writes nothing",
    services.add_working_days: "date arithmetic, writes nothing",
    services.due_working_days: "reads a setting, writes nothing",
    services.reminder_working_days: "reads a setting, writes nothing",
    services.consultations_close_due: "a periodic task: the system closes, no person acts",
    services.consultation_closing_reminders_send: "a periodic task: the system reminds",
    services.criteria_for: "a read: who a consultation is for, as eligibility criteria",
    services.session_feedback_reminders_send: "a periodic task: the system reminds, once",
}


def _counts():
    return (
        AuditEvent.objects.count(),
        Notification.objects.count(),
        YouSaidItem.objects.count(),
        tuple(YouSaidItem.objects.order_by("pk").values_list("status", "text_approved_at")),
        Follow.objects.count(),
        Response.objects.count(),
        Rating.objects.count(),
        tuple(Consultation.objects.order_by("pk").values_list("status", "summary")),
        Question.objects.count(),
        Submission.objects.count(),
        tuple(Concern.objects.values_list("status", flat=True)),
        SafeguardingLead.objects.count(),
        SessionFeedback.objects.count(),
    )


@pytest.mark.parametrize(
    "service", sorted(CASES, key=lambda s: s.__name__), ids=lambda s: s.__name__
)
def test_an_actor_without_the_permission_is_refused_in_plain_words(service):
    world = RefusalWorld()
    perm, call = CASES[service]
    before = _counts()
    with pytest.raises(Refused) as refused:
        service(**call(world))
    assert refused.value.code == "forbidden"
    assert refused.value.messages == [refusal_for(perm)]
    assert _counts() == before


def test_every_refusal_is_plain_words_not_the_default():
    for perm, _call in CASES.values():
        assert refusal_for(perm) != "You don't have permission to do this.", perm
