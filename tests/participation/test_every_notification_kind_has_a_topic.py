"""Every kind of notification the portal sends falls into a topic a person can choose for,
not into "anything else" by accident: the kinds are read from the apps' source, so a new
app's notifications are checked as soon as it sends one."""

import re
from pathlib import Path

import pytest

from participation.models import NotificationTopic
from participation.models.notifications import topic_of

ROOT = Path(__file__).resolve().parents[2]
APPS = ("participation", "forums", "charter", "commissioning", "grants")
KIND = re.compile(r'\bkind="([a-z_]+\.[a-z_]+)"')

# In "anything else" on purpose: about people, not a topic (see notifications.py).
MEANT_FOR_OTHER = {"mentoring.paired", "mentoring.ended"}


def _sent_kinds() -> set[str]:
    kinds = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                kinds.update(KIND.findall(path.read_text()))
    return {k for k in kinds if not k.startswith("bench.")}  # bench_volume's made-up rows


SENT = sorted(_sent_kinds())


def test_the_kinds_are_found():
    assert {"grants.decision", "commissioning.panel_reminder", "charter.lapsed"} <= set(SENT)


@pytest.mark.parametrize("kind", SENT)
def test_every_kind_sent_has_a_topic(kind):
    if kind in MEANT_FOR_OTHER:
        assert topic_of(kind) == NotificationTopic.OTHER
    else:
        assert topic_of(kind) != NotificationTopic.OTHER, f"{kind} falls into 'anything else'"


@pytest.mark.parametrize(
    ("kind", "topic"),
    [
        ("grants.decision", NotificationTopic.ANSWERS),
        ("grants.review_reminder", NotificationTopic.HAVE_YOUR_SAY),
        ("grants.showcase_waiting", NotificationTopic.WORK),
        ("commissioning.statement_decided", NotificationTopic.ANSWERS),
        ("commissioning.panel_reminder", NotificationTopic.HAVE_YOUR_SAY),
        ("commissioning.bid", NotificationTopic.WORK),
        ("charter.renewal_reminder", NotificationTopic.WORK),
        ("mentoring.record_checked", NotificationTopic.ANSWERS),
        ("mentoring.record_check_asked", NotificationTopic.WORK),
    ],
)
def test_the_later_apps_kinds_go_where_their_readers_look(kind, topic):
    assert topic_of(kind) == topic
