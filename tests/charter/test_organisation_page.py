"""Every organisation's charter page: what it signed, where its activities sit on the ladder of
participation (planned, and as young people rated them, small numbers hidden), and its "you
said, we did" record. Activities know their organisation, set on the worker's form."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

import forums.selectors
import participation.voice.selectors
from participation import small_numbers
from participation.forms.activities import ActivityForm
from participation.models import Activity, RungRating
from participation.services import activity_create
from tests.charter.factories import World
from tests.factories import YoungPersonFactory
from tests.pagebudget import assert_page_budget
from tests.participation.training.helpers import make_activity
from tests.voice.factories import World as VoiceWorld

pytestmark = pytest.mark.django_db


def rated(activity, rung, times):
    RungRating.objects.bulk_create(
        RungRating(activity=activity, user=YoungPersonFactory(), rung=rung) for _ in range(times)
    )


def cells(page: str, rung_label: str) -> str:
    start = page.index(f'<th scope="row">{rung_label}</th>')
    return page[start : page.index("</tr>", start)]


def test_the_ladder_shows_planned_rungs_and_hides_small_numbers_of_ratings(client):
    w = World()
    w.sign()
    past = timezone.now() - timedelta(days=3)
    codesign = make_activity(
        worker=w.worker, organisation=w.council, planned_rung="co_design", starts_at=past
    )
    make_activity(worker=w.worker, organisation=w.council, planned_rung="co_design")
    make_activity(worker=w.worker, organisation=w.headstart, planned_rung="coercion")
    rated(codesign, "co_design", 6)
    rated(codesign, "consultation", 2)
    page = client.get(reverse("charter:organisation", args=[w.council.pk])).content.decode()
    assert "<td>2</td><td>6</td>" in cells(page, "Co-design")
    assert "<td>0</td><td>fewer than 5</td>" in cells(page, "Consultation")
    assert "<td>0</td><td>0</td>" in cells(page, "Coercion")  # HeadStart's is not theirs
    assert "2 activities" in page
    # No total of ratings, from which the hidden 2 could be worked out.
    assert ">8<" not in page


def test_the_you_said_record_shows_on_the_organisation_page(client):
    v = VoiceWorld()
    item = v.public_routed()
    v.answer(item)
    page = client.get(reverse("charter:organisation", args=[v.council.pk])).content.decode()
    assert "Things young people said that were sent to them" in page
    assert "Not enough answers yet (we need 5)" in page
    other = client.get(reverse("charter:organisation", args=[v.headstart.pk])).content.decode()
    assert "Nothing young people said has been sent to them yet." in other


def test_a_worker_sets_who_runs_an_activity_on_its_form():
    w = World()
    day = timezone.localdate() + timedelta(days=5)
    form = ActivityForm(
        {
            "title": "Family fun day",
            "kind": "workshop",
            "description": "Games and a chat.",
            "date": day.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "place": "Civic Hall",
            "planned_rung": "engagement",
            "organisation": w.council.pk,
        }
    )
    assert form.is_valid(), form.errors
    activity = activity_create(created_by=w.worker, **form.service_kwargs())
    assert Activity.objects.get(pk=activity.pk).organisation == w.council
    assert ActivityForm.initial_from(activity)["organisation"] == w.council.pk


def test_forums_and_voice_use_the_one_small_number_helper():
    assert forums.selectors.small_count is small_numbers.small_count
    assert participation.voice.selectors.small_count is small_numbers.small_count
    assert small_numbers.small_count(4) == "fewer than 5" and small_numbers.small_count(5) == 5


def test_the_organisation_page_runs_the_same_queries_at_1_and_50(cached_sessions, client, login):
    w = World()
    w.sign()
    login(w.young)
    past = timezone.now() - timedelta(days=3)

    def grow(n):
        for i in range(n):
            activity = make_activity(
                worker=w.worker, organisation=w.council, title=f"Session {i}", starts_at=past
            )
            rated(activity, "engagement", 1)

    assert_page_budget(client, reverse("charter:organisation", args=[w.council.pk]), grow=grow)


def test_the_organisation_page_with_many_memberships(cached_sessions, client):
    from charter import services

    w = World()
    n = iter(range(1000))

    def grow(k):
        for _ in range(k):
            charter = services.charter_create(
                created_by=w.worker, title=f"Charter {next(n)}", summary="s"
            )
            version = charter.versions.get()
            services.promise_add(version=version, added_by=w.worker, text="A promise")
            services.charter_sign(version=version, organisation=w.council, signed_by=w.officer)

    assert_page_budget(client, reverse("charter:organisation", args=[w.council.pk]), grow=grow)
