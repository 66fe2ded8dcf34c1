"""State changes go through one place: the move must exist from the current state, the actor
needs the move's permission, only the state (and named fields) are saved, and it is audited."""

import pytest
import rules

from participation.access import permission
from participation.models import AuditEvent, Notification
from participation.permissions import is_worker
from participation.transitions import BadMove, Move, Workflow
from tests import factories

pytestmark = pytest.mark.django_db

permission("tests.publish_note", is_worker, refusal="Only a participation worker can publish.")

# Notification has no status field, so the test borrows its `title` as the state.
FLOW = Workflow(
    "tests.note",
    state_field="title",
    moves=[
        Move("publish", source=["draft"], target="published", permission="tests.publish_note"),
        Move("archive", source=["draft", "published"], target="archived", automatic=True),
        Move("withdraw", source=["draft"], target="withdrawn"),
    ],
    refusals={"publish": "This note has already been published."},
)


@pytest.fixture
def note():
    return Notification.objects.create(user=factories.YoungPersonFactory(), title="draft")


def test_a_permitted_move_saves_only_its_fields_and_is_audited(note):
    worker = factories.WorkerFactory()
    Notification.objects.filter(pk=note.pk).update(body="changed elsewhere")
    before = FLOW.move(note, "publish", actor=worker, reason="ready")
    assert before == "draft"
    note.refresh_from_db()
    assert note.title == "published"
    assert note.body == "changed elsewhere"  # update_fields: nothing else overwritten
    event = AuditEvent.objects.get(action="tests.note.publish")
    assert event.actor == worker
    assert event.detail == {"from": "draft", "to": "published", "reason": "ready"}


def test_the_actor_needs_the_moves_permission(note):
    with pytest.raises(BadMove) as refused:
        FLOW.move(note, "publish", actor=factories.YoungPersonFactory())
    assert refused.value.messages == ["Only a participation worker can publish."]
    note.refresh_from_db()
    assert note.title == "draft"
    assert not AuditEvent.objects.exists()


def test_a_move_from_the_wrong_state_is_refused_in_plain_words(note):
    worker = factories.WorkerFactory()
    FLOW.move(note, "publish", actor=worker)
    with pytest.raises(BadMove) as refused:
        FLOW.move(note, "publish", actor=worker)
    assert refused.value.messages == ["This note has already been published."]
    with pytest.raises(BadMove) as refused:
        FLOW.move(note, "withdraw", actor=worker)
    assert "can't be done now" in refused.value.messages[0]


def test_only_automatic_moves_may_be_made_with_no_actor(note):
    with pytest.raises(BadMove):
        FLOW.move(note, "withdraw", actor=None)
    FLOW.move(note, "archive", actor=None)
    assert AuditEvent.objects.get(action="tests.note.archive").actor is None


def test_can_answers_what_move_would(note):
    worker, young = factories.WorkerFactory(), factories.YoungPersonFactory()
    assert FLOW.can(note, "publish", worker)
    assert not FLOW.can(note, "publish", young)
    assert FLOW.can(note, "withdraw", young)  # no permission on the move: the service decides
    assert FLOW.is_possible(note, "archive")
    assert FLOW.states == {"draft", "published", "archived", "withdrawn"}
    assert rules.perm_exists("tests.publish_note")


def test_two_moves_cannot_share_a_name():
    with pytest.raises(ValueError):
        Workflow("tests.bad", moves=[Move("a", source=["x"], target="y")] * 2)
