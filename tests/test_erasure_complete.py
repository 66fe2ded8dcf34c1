"""Erasure is complete: every model that points at a person has a policy, and deleting the demo
young person (Amira Khan, young@example.org) through the real service leaves nothing of her.

Before she is erased she is given what the demo lacks, so that each check means something: an
application (B-Safe Team), a nomination (Voices in Youth Justice), a care status, a candidacy
for a reserved seat (Kent Youth County Council, young carers), and votes in two counted
elections (the Youth Council election, where she also stands, and Make Your Mark).
"""

import json
import re
import traceback
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction

from participation.registry import registry
from tests.url_matrix.demo import (
    APPLICATION_WHY,
    NOMINATION_REASON,
    cast_votes,
    seeded_demo,
)

pytestmark = pytest.mark.django_db  # so that pytest-django sets the test database up

OUR_APPS = ("participation", "forums", "charter", "commissioning", "grants")
AMIRA = "young@example.org"
SHORT = 12  # free texts shorter than this ("Yes", "Thank you") are too common to look for
# A model named like one of these must keep no row that points at her.
LINKING_MODELS = re.compile(r"application|nomination|candida|care_?status|reserved_?seat|claim")
MANIFESTO = "I care for my mum, and I want young carers to get a break and be heard at school."
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def our_models():
    for model in apps.get_models():
        config = apps.get_app_config(model._meta.app_label)
        if config.name.split(".")[0] in OUR_APPS:
            yield model


def person_fields(model):
    """The fields of `model` (foreign key, one-to-one, many-to-many) that point at a person."""
    user_model = get_user_model()
    return [
        f
        for f in [*model._meta.fields, *model._meta.many_to_many]
        if f.is_relation and f.related_model is user_model
    ]


# --- a) every model pointing at a person has a policy ---------------------------------------


def test_every_model_that_points_at_a_person_has_an_erasure_policy():
    missing = sorted(
        f"{model._meta.label_lower} (through {', '.join(f.name for f in fields)})"
        for model in our_models()
        if (fields := person_fields(model)) and model._meta.label_lower not in policies()
    )
    assert not missing, (
        "These models point at a person but have no erasure policy. Register one in the "
        "app's AppConfig.ready(): registry.add_eraser(name, erase, policies={label: 'erase' | "
        "'anonymise' | 'keep: <why>'}):\n  " + "\n  ".join(missing)
    )


def test_every_erasure_policy_names_a_real_model_and_says_what_happens():
    unknown, unclear = [], []
    for label, policy in sorted(policies().items()):
        try:
            apps.get_model(label)
        except (LookupError, ValueError):
            unknown.append(label)
        if not (policy in ("erase", "anonymise") or re.match(r"keep: \S", policy)):
            unclear.append(f"{label}: {policy!r}")
    assert not unknown, f"Erasure policies name models that do not exist: {unknown}"
    assert not unclear, f"Say erase, anonymise or keep: <why>, not: {unclear}"


def policies() -> dict[str, str]:
    return {label.lower(): policy for label, policy in registry.erasure_policies.items()}


# --- b) erasing the demo young person -------------------------------------------------------


@dataclass
class Erasure:
    name: str = ""
    email: str = ""
    date_of_birth: object = None
    care_status: str = ""
    texts: dict[str, str] = field(default_factory=dict)  # text -> where it was
    export: dict = field(default_factory=dict)
    tallies_before: dict = field(default_factory=dict)
    tallies_after: dict = field(default_factory=dict)
    error: str = ""  # the erasure service raised
    found: list[str] = field(default_factory=list)  # what of hers is still somewhere
    still_linked: dict[str, int] = field(default_factory=dict)  # model -> rows pointing at her
    dated: list[str] = field(default_factory=list)  # her date of birth on rows linked to her


@pytest.fixture(scope="module")
def erasure(django_db_setup, django_db_blocker) -> Erasure:
    from participation.services import account_erase, personal_data_export
    from participation.services.personal_data import ERASE_CONFIRMATION

    result = Erasure()
    with seeded_demo(django_db_blocker) as demo:
        amira = demo.user(AMIRA)
        give_her_everything(demo, amira)
        result.name = f"{amira.first_name} {amira.last_name}"
        result.email = amira.email
        result.date_of_birth = amira.date_of_birth
        result.care_status = amira.care_status.status
        result.texts = texts_she_wrote(amira)
        result.export = personal_data_export(user=amira)
        result.tallies_before = tallies()
        try:
            with transaction.atomic():
                account_erase(user=amira, confirmation=ERASE_CONFIRMATION)
        except Exception:  # noqa: BLE001  (reported by the tests below)
            result.error = traceback.format_exc()
        else:
            result.tallies_after = tallies()
            result.found = what_is_left(result, amira_first="Amira", amira_last="Khan")
            result.still_linked = rows_pointing_at(amira.pk)
            result.dated = dates_of_birth_left(amira.pk, result.date_of_birth)
    return result


def give_her_everything(demo, amira):
    """What the demo lacks (seeded_demo already added her application, nomination and a
    Make Your Mark vote): a care status, a reserved-seat candidacy, and a counted election in
    which she stands and votes."""
    from forums.elections import services as election_services
    from forums.elections.models import Candidate, ReservedSeat
    from forums.models import CareStatus, CareStatusKind

    worker = demo.user("worker@example.org")
    CareStatus.objects.create(user=amira, status=CareStatusKind.IN_CARE, recorded_by=worker)
    kent = demo.election("Kent Youth County Council election")
    Candidate.objects.create(
        constituency=kent.constituencies.get(),
        user=amira,
        manifesto=MANIFESTO,
        reserved_seat=ReservedSeat.objects.get(constituency__election=kent, name="Young carers"),
    )
    youth_council = demo.election("Youth Council election")
    cast_votes(
        youth_council,
        {
            AMIRA: ["young@example.org", "ruby@example.org"],
            "ruby@example.org": ["ruby@example.org", "young@example.org"],
            "kai@example.org": ["kai@example.org", "young@example.org"],
            "ellie@example.org": ["young@example.org"],
            "ambassador@example.org": ["ruby@example.org"],
        },
    )
    election_services.election_close(actor=worker, election=youth_council)


def texts_of(row, model) -> list[tuple[str, str]]:
    """The free texts of one row: char and text fields without choices, and strings in JSON."""
    found = []
    for f in model._meta.concrete_fields:
        if not isinstance(f, TEXT_FIELDS) or f.choices or f.primary_key:
            continue
        value = getattr(row, f.attname)
        for text in _strings(value):
            found.append((f"{model._meta.label_lower}.{f.name}", text))
    return found


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def rows_about(model, user_pk):
    fields = person_fields(model)
    if not fields:
        return model._base_manager.none()
    query = models.Q()
    for f in fields:
        query |= models.Q(**{f.name: user_pk})
    return model._base_manager.filter(query).distinct()


def all_models():
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def texts_she_wrote(amira) -> dict[str, str]:
    """Free texts of rows that point at her (12 characters or more), leaving out boilerplate
    that rows not about her hold too ("The votes are counted.")."""
    user_model = get_user_model()
    mine: dict[str, str] = {}
    for model in all_models():
        if model is user_model:
            continue
        for row in rows_about(model, amira.pk):
            for where, text in texts_of(row, model):
                if len(text.strip()) >= SHORT and " " in text.strip():  # words, not codes
                    mine.setdefault(text.strip(), where)
    elsewhere = set()
    for model in all_models():
        mine_pks = set(rows_about(model, amira.pk).values_list("pk", flat=True))
        for row in model._base_manager.exclude(pk__in=mine_pks):
            for _where, text in texts_of(row, model):
                if text.strip() in mine:
                    elsewhere.add(text.strip())
    return {text: where for text, where in mine.items() if text not in elsewhere}


def what_is_left(result: Erasure, *, amira_first: str, amira_last: str) -> list[str]:
    """Every char, text and JSON value of every row of every model, searched for her."""
    needles = {
        result.name.lower(): "her name",
        result.email.lower(): "her email",
        **{text.lower(): f"her text (from {where})" for text, where in result.texts.items()},
    }
    left = []
    for model in all_models():
        for row in model._base_manager.all():
            values = texts_of(row, model)
            exact = {text.strip().lower() for _w, text in values}
            if amira_first.lower() in exact and amira_last.lower() in exact:
                left.append(f"{model._meta.label_lower} pk={row.pk}: her first and last name")
            for where, text in values:
                lowered = text.lower()
                for needle, what in needles.items():
                    if needle in lowered:
                        left.append(f"{where} pk={row.pk}: {what}: {text[:80]!r}")
    return sorted(set(left))


def rows_pointing_at(user_pk) -> dict[str, int]:
    user_model = get_user_model()
    return {
        model._meta.label_lower: n
        for model in all_models()
        if model is not user_model and (n := rows_about(model, user_pk).count())
    }


def dates_of_birth_left(user_pk, date_of_birth) -> list[str]:
    """Her date of birth on her own row, or in a date field of any row still linked to her."""
    if date_of_birth is None:
        return []
    left = []
    for model in all_models():
        date_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
        ]
        if not date_fields:
            continue
        rows = (
            model._base_manager.filter(pk=user_pk)
            if model is get_user_model()
            else rows_about(model, user_pk)
        )
        for row in rows:
            left += [
                f"{model._meta.label_lower}.{name} pk={row.pk}"
                for name in date_fields
                if getattr(row, name) == date_of_birth
            ]
    return left


def tallies() -> dict:
    """For every counted election: the votes in the box per choice, and the stored results."""
    from forums.elections.models import Candidate, Election, Receipt, Topic, Vote

    counted = {}
    for election in Election.objects.filter(status="closed").order_by("title"):
        box = Counter(
            (f"candidate {c}" if c else f"topic {t}")
            for c, t in Vote.objects.filter(election=election).values_list("candidate", "topic")
        )
        counted[election.title] = {
            "ballot box": dict(sorted(box.items())),
            "turnout": election.turnout,
            "receipts": Receipt.objects.filter(election=election).count(),
            "constituencies": [
                (c.name, c.turnout, json.dumps(c.result, sort_keys=True))
                for c in election.constituencies.order_by("pk")
            ],
            "candidates": sorted(
                Candidate.objects.filter(constituency__election=election).values_list(
                    "pk", "votes", "paper_votes", "outcome"
                )
            ),
            "topics": sorted(Topic.objects.filter(election=election).values_list("title", "votes")),
        }
    return counted


def test_the_erasure_service_runs(erasure):
    assert not erasure.error, f"account_erase raised:\n{erasure.error}"


def test_she_had_something_to_erase(erasure):
    """The checks below mean something only if she had written things and been counted."""
    assert erasure.care_status
    assert erasure.texts, "found no free text she wrote before erasure"
    assert {MANIFESTO, APPLICATION_WHY, NOMINATION_REASON} <= set(erasure.texts)
    assert {"Youth Council election", "Make Your Mark"} <= set(erasure.tallies_before)


def test_no_row_anywhere_holds_her_name_email_or_what_she_wrote(erasure):
    assert not erasure.error, "the erasure did not run"
    assert not erasure.found, (
        f"After erasing {erasure.name} these still hold her name, email or her words:\n  "
        + "\n  ".join(erasure.found)
    )


def test_nothing_still_links_her_to_an_application_nomination_candidacy_or_care_status(erasure):
    assert not erasure.error, "the erasure did not run"
    linked = {m: n for m, n in erasure.still_linked.items() if LINKING_MODELS.search(m)}
    assert not linked, (
        "Rows that still point at her erased account: "
        + ", ".join(f"{m} ({n})" for m, n in sorted(linked.items()))
        + f"\n(every model still pointing at her: {erasure.still_linked})"
    )


def test_her_date_of_birth_is_gone(erasure):
    assert not erasure.error, "the erasure did not run"
    assert not erasure.dated, f"Her date of birth is still on: {erasure.dated}"


def test_election_results_are_unchanged(erasure):
    """Her votes still count, and so do the votes cast for her."""
    assert not erasure.error, "the erasure did not run"
    assert erasure.tallies_after == erasure.tallies_before


def test_her_export_has_every_apps_part(erasure):
    missing = sorted(set(registry.export_sections) - set(erasure.export))
    assert not missing, f"Her data download lacks these registered sections: {missing}"


def test_her_export_holds_what_she_wrote(erasure):
    """Her data download shows her what the portal held: every text she wrote is in it."""
    dumped = json.dumps(erasure.export, default=str)
    absent = sorted(
        f"{where}: {text[:60]!r}"
        for text, where in erasure.texts.items()
        if json.dumps(text)[1:-1] not in dumped
    )
    assert not absent, "Her data download does not show these texts of hers:\n  " + "\n  ".join(
        absent
    )
