"""Real concurrent transactions on PostgreSQL for the tests of race rules (a budget that two
awards must not exceed, one sheet per panellist, one bid per provider).

    from tests.concurrency import race

`race(functions)` starts every function at the same moment, each in its own thread with its
own database connection, and returns one outcome per function, in order: ("ok", result),
("refused", the plain words of a ValidationError) or ("error", repr of anything else).
"""

import threading

from django.core.exceptions import ValidationError
from django.db import connections


def race(functions) -> list[tuple[str, object]]:
    barrier = threading.Barrier(len(functions))
    outcomes = [None] * len(functions)

    def run(i, fn):
        try:
            barrier.wait()
            outcomes[i] = ("ok", fn())
        except ValidationError as refused:
            outcomes[i] = ("refused", " ".join(refused.messages))
        except Exception as error:  # noqa: BLE001 - reported by the test
            outcomes[i] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes
