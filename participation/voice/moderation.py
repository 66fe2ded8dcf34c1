"""What can be reported: each app names its models once, with how to find the page a concern
is about, so the queue links to it without knowing the app (`reportable(...)` from an
AppConfig.ready(); "you said" items and answers are here from the start)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse


@dataclass(frozen=True)
class Reportable:
    url_for: Callable[[Model], str]
    describe: Callable[[Model], str]


REPORTABLE: dict[str, Reportable] = {}


def reportable(label: str, *, url_for: Callable, describe: Callable) -> None:
    REPORTABLE[label.lower()] = Reportable(url_for=url_for, describe=describe)


def reportable_for(obj: Model) -> Reportable | None:
    return REPORTABLE.get(obj._meta.label_lower)


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
