"""Young inspectors visit one of the organisation's activities, write what they saw against the
charter's promises, and their report is published with the organisation's evidence."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from charter import services
from charter.models import Visit
from participation.access import Refused
from participation.models import Notification
from tests.charter.factories import World
from tests.participation.training.helpers import make_activity

pytestmark = pytest.mark.django_db


def past_activity(w, organisation=None, **kw):
    return make_activity(
        worker=w.worker,
        title=kw.pop("title", "Family fun day"),
        starts_at=kw.pop("starts_at", timezone.now() - timedelta(days=2)),
        organisation=organisation or w.council,
        **kw,
    )


def visit(w, signatory, activity, inspector=None, findings=None, summary="Staff listened well."):
    return services.visit_record(
        signatory=signatory,
        activity=activity,
        inspector=inspector or w.inspector,
        summary=summary,
        findings=findings
        if findings is not None
        else {w.promises[1].pk: "Nobody asked the parents what they thought."},
    )


def test_an_inspectors_visit_is_published_with_the_evidence_without_their_name(client):
    w = World()
    signed = w.sign()
    activity = past_activity(w)
    report = visit(w, signed, activity)
    assert [f.promise for f in report.findings.all()] == [w.promises[1]]
    page = client.get(reverse("charter:signatory", args=[signed.pk])).content.decode()
    assert "Nobody asked the parents what they thought." in page
    assert "Staff listened well." in page and "Family fun day" in page
    assert "Jordan" not in page and "Clarke" not in page
    assert Notification.objects.filter(kind="charter.visited", user=w.officer).count() == 1


def test_only_trained_young_inspectors_not_the_organisations_officers_report_visits():
    w = World()
    signed = w.sign()
    activity = past_activity(w)
    for someone in (w.young, w.officer, w.worker, w.other_officer):
        with pytest.raises(Refused):
            visit(w, signed, activity, inspector=someone)
    assert not Visit.objects.exists()


def test_bad_visits_are_refused_in_plain_words():
    w = World()
    signed = w.sign()
    elsewhere = past_activity(w, organisation=w.headstart, title="Not theirs")
    future = past_activity(w, title="Next week", starts_at=timezone.now() + timedelta(days=7))
    activity = past_activity(w)
    cases = [
        (dict(activity=elsewhere), "Choose one of City of Wolverhampton Council's activities."),
        (dict(activity=future), "once the activity has started"),
        (dict(activity=activity, summary="  "), "Write what you saw on your visit."),
        (dict(activity=activity, findings={w.promises[0].pk: " "}), "at least one"),
    ]
    for kw, words in cases:
        with pytest.raises(ValidationError) as refused:
            visit(w, signed, **kw)
        assert words in " ".join(refused.value.messages)
    visit(w, signed, activity)
    with pytest.raises(ValidationError, match="already written about your visit"):
        visit(w, signed, activity)
    assert Visit.objects.count() == 1


def test_the_visit_page_keeps_what_was_typed_and_then_publishes_it(client, login):
    w = World()
    signed = w.sign()
    activity = past_activity(w)
    url = reverse("charter:visit_add", args=[signed.pk])
    login(w.officer)
    assert client.get(url).status_code == 403
    login(w.inspector)
    page = client.get(url)
    assert page.status_code == 200 and "Family fun day" in page.content.decode()
    field = f"promise_{w.promises[0].pk}"
    refused = client.post(url, {"activity": activity.pk, "summary": "", field: "We saw a lot"})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Write what you saw on your visit." in body or "Fill in: What did you see" in body
    assert "We saw a lot" in body
    wrong = client.post(url, {"activity": "99999", "summary": "Good", field: "x"})
    assert "Choose one of the activities in the list." in wrong.content.decode()
    done = client.post(url, {"activity": activity.pk, "summary": "Good", field: "We saw a lot"})
    assert done.status_code == 302
    assert Visit.objects.get().findings.get().saw == "We saw a lot"
    assert client.get(reverse("charter:signatory", args=[signed.pk])).status_code == 200


def test_a_visit_is_in_the_inspectors_export_and_survives_their_erasure():
    import json

    from participation.registry import registry
    from participation.services import personal_data_export

    w = World()
    signed = w.sign()
    visit(w, signed, past_activity(w))
    exported = json.dumps(personal_data_export(user=w.inspector), default=str)
    assert "Staff listened well." in exported
    assert "charter.visit" in registry.erasure_policies
    registry.erasers["charter"](w.inspector)
    report = Visit.objects.get()
    assert report.inspector is None and report.summary == "Staff listened well."
