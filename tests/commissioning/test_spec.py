"""The co-designed specification: workers draft, young people comment, propose and prioritise,
accepted statements join a new published version, and every version is kept."""

import pytest
from django.core.exceptions import ValidationError

from commissioning import selectors, services
from commissioning.models import SpecVersion, StatementStatus
from participation.access import Refused
from participation.models import Notification
from tests.commissioning.factories import World
from tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return World()


def test_only_workers_draft_sections(w):
    with pytest.raises(Refused):
        services.section_save(actor=w.young, round=w.round, title="Mine")
    second = services.section_save(actor=w.worker, round=w.round, title="Where it happens")
    assert second.position == 2


def test_young_people_comment_and_propose_but_not_twice_the_same(w):
    comment = services.comment_add(actor=w.young, section=w.section, text="Make it local.")
    assert comment.author == w.young
    services.statement_propose(actor=w.young, section=w.section, text="Open after school")
    with pytest.raises(ValidationError) as error:
        services.statement_propose(
            actor=w.evaluators[0], section=w.section, text="open AFTER school"
        )
    assert "already suggested" in str(error.value)
    with pytest.raises(Refused):
        services.statement_propose(actor=w.provider, section=w.section, text="Hire us please")


def test_a_young_person_chooses_at_most_three_per_section(w):
    statements = [
        services.statement_propose(actor=w.young, section=w.section, text=f"Idea number {n}")
        for n in range(4)
    ]
    for s in statements[:3]:
        assert services.statement_prioritise(actor=w.evaluators[0], statement=s) is True
    with pytest.raises(ValidationError) as error:
        services.statement_prioritise(actor=w.evaluators[0], statement=statements[3])
    assert "up to 3" in str(error.value)
    services.statement_prioritise(actor=w.evaluators[0], statement=statements[0], matters=False)
    assert services.statement_prioritise(actor=w.evaluators[0], statement=statements[3])
    with pytest.raises(Refused):
        services.statement_prioritise(actor=w.worker, statement=statements[0])


def test_declining_needs_a_reason_and_tells_the_young_person(w):
    s = services.statement_propose(actor=w.young, section=w.section, text="Free pizza every day")
    with pytest.raises(ValidationError):
        services.statement_decide(actor=w.worker, statement=s, accept=False, reason="")
    services.statement_decide(
        actor=w.worker, statement=s, accept=False, reason="The budget can't pay for food daily."
    )
    s.refresh_from_db()
    assert s.status == StatementStatus.DECLINED and s.decided_by == w.worker
    note = Notification.objects.get(user=w.young)
    assert "not taken up" in note.title and "budget" in note.body


def test_accepted_statements_join_a_new_version_and_old_versions_are_kept(w):
    listen = services.statement_propose(actor=w.young, section=w.section, text="Staff listen")
    nearby = services.statement_propose(actor=w.young, section=w.section, text="It is nearby")
    later = services.statement_propose(actor=w.young, section=w.section, text="Open late")
    services.statement_propose(actor=w.young, section=w.section, text="Never accepted")
    for s in (listen, nearby):
        services.statement_decide(actor=w.worker, statement=s, accept=True)
    # Two young people choose "It is nearby", so it comes first.
    for person in (w.evaluators[0], YoungPersonFactory()):
        services.statement_prioritise(actor=person, statement=nearby)
    v1 = services.spec_publish(actor=w.worker, round=w.round)
    assert v1.number == 1
    assert [s["text"] for s in v1.content[0]["statements"]] == ["It is nearby", "Staff listen"]
    assert v1.content[0]["statements"][0]["priority"] == 2

    with pytest.raises(ValidationError) as error:
        services.spec_publish(actor=w.worker, round=w.round, what_changed="Nothing")
    assert "Nothing has changed" in str(error.value)

    services.statement_decide(actor=w.worker, statement=later, accept=True)
    with pytest.raises(ValidationError):
        services.spec_publish(actor=w.worker, round=w.round)  # says what changed
    v2 = services.spec_publish(actor=w.worker, round=w.round, what_changed="Opening hours")
    assert v2.number == 2
    v1 = SpecVersion.objects.get(pk=v1.pk)
    assert len(v1.content[0]["statements"]) == 2  # untouched

    rows = selectors.side_by_side(v1, v2)
    assert rows[0].changed
    assert ("Open late", 0, "added") in rows[0].right
    assert all(mark == "same" for *_x, mark in rows[0].left)
    # Everyone who helped hears about each version.
    assert (
        Notification.objects.filter(user=w.young, kind="commissioning.spec_published").count() == 2
    )


def test_a_published_specification_cannot_change_once_bids_open(w):
    w.open()
    with pytest.raises(ValidationError) as error:
        services.section_save(actor=w.worker, round=w.round, title="Late addition")
    assert "being designed" in str(error.value)
    with pytest.raises(ValidationError):
        services.comment_add(actor=w.young, section=w.section, text="Too late?")


def test_draft_sections_read_in_the_same_queries_at_1_and_many(w, django_assert_num_queries):
    for n in range(5):
        services.statement_propose(actor=w.young, section=w.section, text=f"Idea {n} here")
        services.comment_add(actor=w.young, section=w.section, text=f"Comment {n}")
    with django_assert_num_queries(4):
        rows = selectors.draft_sections(w.round, w.young)
    assert len(rows[0].statements) == 5 and len(rows[0].comments) == 5
