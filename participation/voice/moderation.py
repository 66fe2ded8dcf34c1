"""What can be reported: each app names its models once, with how to find the page a concern
is about, so the queue links to it without knowing the app (`reportable(...)` from an
AppConfig.ready(); "you said" items and answers are here from the start).

`leads_only=True` marks a kind whose concerns only the designated safeguarding leads may read
(mentoring: an adult and a child meet): other workers see that such a concern exists and who to
tell, never its words (`voice.read_concern` in permissions.py)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse


@dataclass(frozen=True)
class Reportable:
    url_for: Callable[[Model], str]
    describe: Callable[[Model], str]
    leads_only: bool = False


REPORTABLE: dict[str, Reportable] = {}


def reportable(
    label: str, *, url_for: Callable, describe: Callable, leads_only: bool = False
) -> None:
    REPORTABLE[label.lower()] = Reportable(
        url_for=url_for, describe=describe, leads_only=leads_only
    )


def reportable_for(obj: Model) -> Reportable | None:
    return REPORTABLE.get(obj._meta.label_lower)


def is_for_leads_only(concern) -> bool:
    """Whether only safeguarding leads may read this concern's words (no query: the concern's
    target_type is read with it)."""
    target = concern.target_type
    kind = REPORTABLE.get(f"{target.app_label}.{target.model}")
    return kind is not None and kind.leads_only


reportable(
    "voice.yousaiditem",
    url_for=lambda item: reverse("voice:item", args=[item.pk]),
    describe=lambda item: f'the "you said" item "{item.title}"',
)
reportable(
    "voice.response",
    url_for=lambda response: reverse("voice:item", args=[response.item_id]),
    describe=lambda response: f"{response.organisation.name}'s answer",
)
