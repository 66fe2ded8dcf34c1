"""Where other apps hand their parts to the base, so the base never imports them.

Each app fills these in its `AppConfig.ready()`. A contribution is a plain callable:
- demo seeders: `seed(stdout) -> None`, run in order by `manage.py seed_demo`;
- record sections: `section(user) -> dict | None`, a young person's participation record;
- export sections: `section(user) -> dict`, added to a person's data download;
- dashboard sections: `section() -> dict`, aggregate figures for boards;
- group worker checks: `check(group, user) -> bool`, whether someone is one of the workers who
  run that group (a forum's own workers). Only they see who belongs to a sensitive group;
- erasers: `erase(user) -> None`, removes what the app holds about a person who deletes their
  account (run inside the erasure's transaction, before the base anonymises the person).
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

    def add_demo_seeder(self, name: str, seeder: Callable, *, order: int = 100) -> None:
        if all(existing != name for _, existing, _ in self.demo_seeders):
            self.demo_seeders.append((order, name, seeder))
            self.demo_seeders.sort(key=lambda item: item[0])

    def is_group_worker(self, group, user) -> bool:
        return any(check(group, user) for check in self.group_worker_checks.values())


registry = Registry()
