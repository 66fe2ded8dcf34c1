"""Every write service of the Youth Council's year refuses an actor without the permission, in
the permission layer's plain words, and writes nothing. `COVERED` and `EXEMPT` are read by
tests/base/test_every_service_is_checked.py."""

import pytest

from forums.models import AnnualReport, AnnualReportEdit, AnnualReportRecipient
from forums.services import year
from participation.access import Refused, refusal_for
from participation.models import AuditEvent, Notification
from tests.forums.year.factories import World

pytestmark = pytest.mark.django_db


class RefusalWorld(World):
    def __init__(self):
        super().__init__()
        self.report = self.draft()
        self.shared = self.published(period_start=self.report.period_start.replace(day=2))
        self.recipient(self.shared)


CASES = {
    year.annual_report_start: (
        "forums.manage_annual_reports",
        lambda w: dict(forum=w.forum, started_by=w.other_worker, agm=w.agm),
    ),
    year.annual_report_words_save: (
        "forums.write_annual_report",
        lambda w: dict(
            report=w.report,
            written_by=w.worker,
            foreword="Workers don't write it.",
            highlights="",
            whats_next="",
            version=w.report.words_version,
        ),
    ),
    year.annual_report_figures_refresh: (
        "forums.manage_annual_reports",
        lambda w: dict(report=w.report, refreshed_by=w.ruby),
    ),
    year.annual_report_publish: (
        "forums.manage_annual_reports",
        lambda w: dict(report=w.report, published_by=w.other_worker),
    ),
    year.annual_report_recipient_add: (
        "forums.share_annual_report",
        lambda w: dict(
            report=w.shared, added_by=w.ruby, name="A", role="Leader", email="a@example.org"
        ),
    ),
    year.annual_report_send: (
        "forums.share_annual_report",
        lambda w: dict(report=w.shared, sent_by=w.other_worker),
    ),
}

COVERED = set(CASES)
EXEMPT = {
    year.annual_report_email_deliver: (
        "a task with no actor: it sends the email a worker's send (checked) has already queued"
    ),
    year.annual_report_emails_sweep: (
        "a periodic task with no actor: it queues again emails a checked send had queued"
    ),
    year.annual_report_acknowledge: (
        "the recipient has no account: their signed link is the key, checked by the service"
    ),
}


def _counts():
    return (
        AuditEvent.objects.count(),
        Notification.objects.count(),
        tuple(
            AnnualReport.objects.order_by("pk").values_list(
                "status", "foreword", "figures_assembled_at"
            )
        ),
        AnnualReportEdit.objects.count(),
        tuple(AnnualReportRecipient.objects.values_list("pk", "link_version", "sent_at")),
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
