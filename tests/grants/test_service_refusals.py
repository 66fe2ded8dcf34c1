"""Every public write service of Pay it Forward refuses an actor without the permission, in the
permission layer's plain words, and writes nothing. `COVERED` and `EXEMPT` are read by
tests/base/test_every_service_is_checked.py (the lead adds "grants" to its TABLES)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from grants import services
from grants.models import (
    Application,
    Award,
    Receipt,
    Round,
    ShowcaseEntry,
    Visit,
)
from participation.access import Refused, refusal_for
from participation.models import AuditEvent, Notification
from participation.scoring.models import Panellist
from tests.grants.factories import World

pytestmark = pytest.mark.django_db


class RefusalWorld(World):
    def __init__(self):
        super().__init__()
        self.draft = self.start(self.other, title="Games club")
        self.sent = self.reviewed(self.submitted())
        self.award(self.sent)
        self.award_row = Award.objects.get()
        services.payment_record(
            actor=self.worker, award=self.award_row, paid_on=timezone.localdate(), method="cheque"
        )
        self.visit = services.visit_plan(
            actor=self.worker, award=self.award_row, starts_at=timezone.now(), place="Hall"
        )
        services.visit_record(
            actor=self.worker,
            visit=self.visit,
            happened=True,
            money_used="Wool.",
            people_said="Nice.",
            wellbeing="better",
        )
        self.entry = services.showcase_suggest(
            actor=self.worker, application=self.sent, story="We knitted."
        )
        self.consent_app = self.submitted(
            self.other, title="Other", amount="250", lines=[("x", "250")]
        )


now = timezone.now()

CASES = {
    services.round_create: (
        "grants.manage_rounds",
        lambda w: dict(
            actor=w.applicant,
            name="Mine",
            budget="100",
            opens_at=now,
            closes_at=now + timedelta(days=1),
            review_deadline=now + timedelta(days=2),
        ),
    ),
    services.reviewer_add: (
        "grants.manage_rounds",
        lambda w: dict(actor=w.reviewers[0], round=w.round, person=w.untrained),
    ),
    services.application_start: (
        "grants.apply",
        lambda w: dict(actor=w.worker, round=w.round, title="Staff project"),
    ),
    services.application_save: (
        "grants.edit_application",
        lambda w: dict(actor=w.applicant, application=w.draft, title="Taken over"),
    ),
    services.application_submit: (
        "grants.edit_application",
        lambda w: dict(actor=w.applicant, application=w.draft),
    ),
    services.application_withdraw: (
        "grants.withdraw_application",
        lambda w: dict(actor=w.applicant, application=w.draft),
    ),
    services.consent_confirm: (
        "grants.confirm_consent",
        lambda w: dict(actor=w.other, application=w.consent_app, how="I said so"),
    ),
    services.application_decide: (
        "grants.decide",
        lambda w: dict(
            actor=w.reviewers[0], application=w.consent_app, outcome="award", reason="Me"
        ),
    ),
    services.payment_record: (
        "grants.record_payment",
        lambda w: dict(
            actor=w.applicant, award=w.award_row, paid_on=timezone.localdate(), method="cheque"
        ),
    ),
    services.receipt_add: (
        "grants.add_receipt",
        lambda w: dict(
            actor=w.applicant,
            award=w.award_row,
            what="x",
            amount="1",
            upload=SimpleUploadedFile("r.pdf", b"%PDF-1.4\n"),
        ),
    ),
    services.visit_plan: (
        "grants.plan_visit",
        lambda w: dict(
            actor=w.reviewers[0], award=w.award_row, starts_at=timezone.now(), place="Hall"
        ),
    ),
    services.visit_record: (
        "grants.record_visit",
        lambda w: dict(actor=w.other, visit=w.visit, happened=False, money_used="Spent"),
    ),
    services.showcase_suggest: (
        "grants.suggest_showcase",
        lambda w: dict(actor=w.other, application=w.sent, story="Mine now"),
    ),
    services.showcase_publish: (
        "grants.moderate_showcase",
        lambda w: dict(actor=w.applicant, entry=w.entry),
    ),
    services.showcase_hide: (
        "grants.moderate_showcase",
        lambda w: dict(actor=w.applicant, entry=w.entry, reason="I don't like it"),
    ),
}

COVERED = set(CASES)

EXEMPT = {
    services.review_reminders_send: "a periodic task: the system reminds reviewers, no person acts",
    services.visit_reminders_send: "a periodic task: the system reminds workers, no person acts",
}


def _counts():
    return (
        AuditEvent.objects.count(),
        Notification.objects.count(),
        Round.objects.count(),
        Panellist.objects.count(),
        tuple(
            Application.objects.order_by("pk").values_list(
                "status", "title", "consent_confirmed_at"
            )
        ),
        tuple(Award.objects.values_list("status", "paid_on")),
        Receipt.objects.count(),
        tuple(Visit.objects.values_list("status", "money_used")),
        tuple(ShowcaseEntry.objects.values_list("status", "story")),
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


def test_every_public_service_is_in_the_table():
    from tests.base.test_every_service_is_checked import public_services

    found = public_services("grants")
    assert found == COVERED | set(EXEMPT), sorted(
        s.__name__ for s in found ^ (COVERED | set(EXEMPT))
    )
