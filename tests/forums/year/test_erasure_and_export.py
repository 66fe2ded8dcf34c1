"""A person's saves of an annual report's words are in their data download, and go when they
delete their account; the report itself stays the forum's, with nobody named on it."""

import pytest

from forums.models import AnnualReport, AnnualReportEdit, AnnualReportRecipient
from participation.registry import registry
from participation.services import account_erase, personal_data_export
from participation.services.personal_data import ERASE_CONFIRMATION
from tests.forums.year.factories import World

pytestmark = pytest.mark.django_db


def test_their_words_are_in_their_data_download():
    w = World()
    report = w.draft()
    w.write(report, by=w.ruby, foreword="We met every month.", highlights="Parliament.")
    exported = personal_data_export(user=w.ruby)["forums.year"]
    assert exported["annual_report_edits"] == [
        {
            "report": report.title,
            "forum": "Youth Council",
            "when": AnnualReportEdit.objects.get().edited_at.isoformat(),
            "foreword": "We met every month.",
            "highlights": "Parliament.",
            "whats_next": "",
        }
    ]
    assert personal_data_export(user=w.worker)["forums.year"]["annual_reports_started"] == [
        report.title
    ]


def test_every_new_model_pointing_at_a_person_has_a_policy():
    for model in (AnnualReport, AnnualReportEdit, AnnualReportRecipient):
        assert model._meta.label_lower in registry.erasure_policies


def test_erasing_a_writer_removes_their_saves_and_their_name_from_the_report():
    w = World()
    report = w.published()
    w.recipient(report)
    account_erase(user=w.ruby, confirmation=ERASE_CONFIRMATION)
    assert not AnnualReportEdit.objects.filter(edited_by=w.ruby.pk).exists()
    assert AnnualReportEdit.objects.count() == 0
    report.refresh_from_db()
    assert report.words_updated_by is None
    assert report.is_published and report.foreword  # the forum's report stays whole


def test_erasing_the_worker_forgets_who_started_published_and_shared_it():
    w = World()
    report = w.published()
    recipient = w.recipient(report)
    account_erase(user=w.worker, confirmation=ERASE_CONFIRMATION)
    report.refresh_from_db()
    recipient.refresh_from_db()
    assert (report.created_by, report.published_by, recipient.added_by) == (None, None, None)
