"""State changes in one place: per model, its states, the moves allowed between them, and who
may make each move. Every status change in every app goes through `Workflow.move`, which
checks the move and the actor, saves only the changed fields and writes the audit log.

A model declares its workflow beside its status choices:

    APPLICATION_FLOW = Workflow(
        "forums.application",
        moves=[
            Move("accept", source=[PENDING], target=ACCEPTED, permission="forums.decide"),
            Move("withdraw", source=[PENDING], target=WITHDRAWN, permission="forums.withdraw"),
            Move("expire", source=[PENDING], target=EXPIRED, automatic=True),
        ],
    )

and a service calls `APPLICATION_FLOW.move(application, "accept", actor=worker)`.
Templates ask `workflow.can(obj, "accept", user)` through a view flag, never compare status
strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from participation.access import allowed, refusal_for


@dataclass(frozen=True)
class Move:
    name: str
    source: tuple[str, ...]
    target: str
    # The permission the actor needs (checked against the object); None when the calling
    # service has already decided who may (for example "only the person themselves").
    permission: str | None = None
    # The system may make this move with no actor (a scheduled close, an expiry).
    automatic: bool = False

    def __post_init__(self):
        object.__setattr__(self, "source", tuple(self.source))


class BadMove(ValidationError):
    def __init__(self, message: str):
        super().__init__(message, code="bad_transition")


@dataclass
class Workflow:
    label: str
    moves: list[Move]
    state_field: str = "status"
    # Plain words for a refused move, per move name: "This application has already been decided."
    refusals: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self._by_name = {m.name: m for m in self.moves}
        if len(self._by_name) != len(self.moves):
            raise ValueError(f"{self.label}: two moves share a name")

    @property
    def states(self) -> set[str]:
        return {s for m in self.moves for s in m.source} | {m.target for m in self.moves}

    def get(self, name: str) -> Move:
        return self._by_name[name]

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def is_possible(self, obj, name: str) -> bool:
        """The move exists from the object's state (whoever makes it)."""
        return self.state_of(obj) in self.get(name).source

    def can(self, obj, name: str, actor) -> bool:
        move = self.get(name)
        if self.state_of(obj) not in move.source:
            return False
        return move.permission is None or allowed(actor, move.permission, obj)

    def check(self, obj, name: str, actor) -> Move:
        move = self.get(name)
        if self.state_of(obj) not in move.source:
            raise BadMove(self.refusals.get(name) or self._default_refusal(obj))
        if actor is None:
            if not move.automatic:
                raise BadMove("This change needs a person to make it.")
        elif move.permission is not None and not allowed(actor, move.permission, obj):
            raise BadMove(refusal_for(move.permission))
        return move

    def move(self, obj, name: str, *, actor, extra_fields: Iterable[str] = (), **detail) -> str:
        """Check and make the move; save the state (and `extra_fields` set by the caller);
        audit it. Returns the state the object was in."""
        from participation.services.audit import audit

        move = self.check(obj, name, actor)
        before = self.state_of(obj)
        setattr(obj, self.state_field, move.target)
        obj.save(update_fields=[self.state_field, *extra_fields])
        audit(
            actor=actor,
            action=f"{self.label}.{move.name}",
            target=obj,
            **{"from": before, "to": move.target},
            **detail,
        )
        return before

    def _default_refusal(self, obj) -> str:
        shown = getattr(obj, f"get_{self.state_field}_display", None)
        state = shown().lower() if shown else self.state_of(obj)
        return f"This can't be done now: it is {state}."
