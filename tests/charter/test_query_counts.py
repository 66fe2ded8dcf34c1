"""The charter pages run the same number of queries with 1 and with 50 signatories, promises
and judgements."""

import itertools

import pytest
from django.urls import reverse

from charter import services
from charter.models import Evidence, Judgement, Pledge, Promise, Signatory, Visit
from tests.charter.factories import World
from tests.factories import OrganisationFactory
from tests.pagebudget import assert_page_budget

pytestmark = pytest.mark.django_db


def add_signatories(w):
    def grow(n):
        for _ in range(n):
            Signatory.objects.create(
                organisation=OrganisationFactory(),
                version=w.version,
                adopted_by_board=None,
                renew_by=Signatory.year_from(w.version.published_on),
            )

    return grow


def test_the_charter_list(client):
    w = World()
    numbers = itertools.count()

    def grow(n):
        for _ in range(n):
            c = services.charter_create(
                created_by=w.worker, title=f"Charter {next(numbers)}", summary="s"
            )
            Signatory.objects.create(
                organisation=OrganisationFactory(),
                version=c.versions.get(),
                renew_by=Signatory.year_from(w.version.published_on),
            )

    assert_page_budget(client, reverse("charter:list"), grow=grow)


def test_the_charter_page_with_signatories(client, login):
    w = World()
    login(w.officer)
    assert_page_budget(
        client, reverse("charter:detail", args=[w.charter.slug]), grow=add_signatories(w)
    )


def test_the_charter_page_with_principles_and_promises(client):
    w = World()

    def grow(n):
        start = Promise.objects.filter(version=w.version).count() + 1
        for i in range(n):
            Promise.objects.create(version=w.version, position=start + i, text=f"Promise {i}")
            w.version.principles.create(position=start + i, name=f"Principle {i}")

    assert_page_budget(client, reverse("charter:detail", args=[w.charter.slug]), grow=grow)


def test_the_signatory_page_with_promises_evidence_and_judgements(cached_sessions, client, login):
    w = World()
    signed = w.sign()
    login(w.inspector)

    def grow(n):
        start = Promise.objects.filter(version=w.version).count() + 1
        for i in range(n):
            promise = Promise.objects.create(
                version=w.version, position=start + i, text=f"Promise {i}"
            )
            pledge = Pledge.objects.create(
                signatory=signed, promise=promise, text="We do it", own_level="emerging"
            )
            Evidence.objects.create(pledge=pledge, text="Our evidence")
            Judgement.objects.create(
                pledge=pledge, inspector=w.inspector, level="advanced", young_people_say="Good"
            )

    assert_page_budget(client, reverse("charter:signatory", args=[signed.pk]), grow=grow)


def test_the_signatory_page_for_its_officer(cached_sessions, client, login):
    w = World()
    signed = w.sign()
    login(w.officer)

    def grow(n):
        start = Promise.objects.filter(version=w.version).count() + 1
        for i in range(n):
            promise = Promise.objects.create(
                version=w.version, position=start + i, text=f"Promise {i}"
            )
            pledge = Pledge.objects.create(signatory=signed, promise=promise, text="We do it")
            Evidence.objects.create(pledge=pledge, link="https://example.org/")

    assert_page_budget(client, reverse("charter:signatory", args=[signed.pk]), grow=grow)


def test_the_signatory_page_with_visits(cached_sessions, client, login):
    from datetime import timedelta

    from django.utils import timezone

    from tests.charter.factories import YoungPersonFactory
    from tests.participation.training.helpers import make_activity

    w = World()
    signed = w.sign()
    login(w.inspector)
    past = timezone.now() - timedelta(days=1)

    def grow(n):
        for i in range(n):
            activity = make_activity(
                worker=w.worker, organisation=w.council, title=f"Visit {i}", starts_at=past
            )
            inspector = YoungPersonFactory()
            Visit.objects.create(
                signatory=signed, activity=activity, inspector=inspector, summary="We saw"
            ).findings.create(promise=w.promises[i % 2], saw="Good")

    assert_page_budget(client, reverse("charter:signatory", args=[signed.pk]), grow=grow)
