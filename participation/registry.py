"""Where other apps hand their parts to the base, so the base never imports them.

Each app fills these in its `AppConfig.ready()`. A contribution is a plain callable:
- demo seeders: `seed(stdout) -> None`, run in order by `manage.py seed_demo`;
- record sections: `section(user) -> dict | None`, a young person's participation record;
- export sections: `section(user) -> dict`, added to a person's data download;
- dashboard sections: `section() -> dict`, aggregate figures for boards;
- group worker checks: `check(group, user) -> bool`, whether someone is one of the workers who
  run that group (a forum's own workers). Only they see who belongs to a sensitive group;
- group workers: `workers(group_ids) -> set[int]`, the user ids of the workers who run those
  groups (a forum's own workers), for notes meant for a young person's workers;
- erasers: `erase(user) -> None`, removes what the app holds about a person who deletes their
  account (run inside the erasure's transaction, before the base anonymises the person), with
  `policies`: for every model of the app that points at a person, what happens to its rows
  ("erase", "anonymise", or "keep: <why>"). A test fails when a model pointing at the user
  model has no policy;
- eligibility rules: `rule(person, value, criteria, words) -> str` ("" when met), criteria that
  belong to an app (a forum's care status) for the base's eligibility service;
- home items: `items(user) -> list[dict]`, what is waiting for this person now (a vote they can
  cast, a nomination to accept), each `{"text", "url", "kind"}`, for the home page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Registry:
    demo_seeders: list[tuple[int, str, Callable]] = field(default_factory=list)
    record_sections: dict[str, Callable] = field(default_factory=dict)
    export_sections: dict[str, Callable] = field(default_factory=dict)
    dashboard_sections: dict[str, Callable] = field(default_factory=dict)
    erasers: dict[str, Callable] = field(default_factory=dict)
    group_worker_checks: dict[str, Callable] = field(default_factory=dict)
    group_workers: dict[str, Callable] = field(default_factory=dict)
    erasure_policies: dict[str, str] = field(default_factory=dict)
    eligibility_rules: dict[str, Callable] = field(default_factory=dict)
    home_items: dict[str, Callable] = field(default_factory=dict)

    def add_eraser(self, name: str, erase: Callable, *, policies: dict[str, str]) -> None:
        """`policies` maps model labels ("forums.application") to "erase", "anonymise" or
        "keep: <the reason>"."""
        for label, policy in policies.items():
            if not (policy in ("erase", "anonymise") or policy.startswith("keep: ")):
                raise ValueError(f"{label}: say erase, anonymise or keep: <why>, not {policy!r}")
        self.erasers[name] = erase
        self.erasure_policies.update(policies)

    def add_demo_seeder(self, name: str, seeder: Callable, *, order: int = 100) -> None:
        if all(existing != name for _, existing, _ in self.demo_seeders):
            self.demo_seeders.append((order, name, seeder))
            self.demo_seeders.sort(key=lambda item: item[0])

    def is_group_worker(self, group, user) -> bool:
        return any(check(group, user) for check in self.group_worker_checks.values())

    def workers_of_groups(self, group_ids) -> set[int]:
        group_ids = list(group_ids)
        return set().union(*(workers(group_ids) for workers in self.group_workers.values()))


registry = Registry()
