"""The page budget every app inherits (issue 24).

    from tests.pagebudget import PAGE_BUDGET, assert_page_budget

    def test_forum_list_budget(client, ...):
        assert_page_budget(client, "/forums/", grow=lambda n: ForumFactory.create_batch(n))

`assert_page_budget` opens the page once to warm up, then counts its queries with 1 row and
again with 50 (the caller's `grow(n)` adds n rows of whatever the page lists): the count must be
the same both times (no query per row) and at most `at_most` (PAGE_BUDGET unless given).

PAGE_BUDGET is 8 queries for a young person's page, counted with sessions in the cache as in
production (the `cached_sessions` fixture of tests/base/test_page_budget.py): 1 for the person
(user, roles, unread count and Django permissions in one query: participation/request_cache.py)
and up to 7 for the page's own reads. The busiest young person's pages measured 7 in all when it
was set (`/`, `/training/mine/`, `/forums/youth-council/`); most take 2 to 5.
"""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

PAGE_BUDGET = 8


def count_queries(client, url: str, *, status: int = 200) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return len(queries), [q["sql"] for q in queries.captured_queries]


def assert_page_budget(
    client, url: str, *, at_most: int = PAGE_BUDGET, grow=None, status: int = 200
) -> tuple[int, int]:
    """Assert the page's query count is flat at 1 and 50 rows and at most `at_most`.

    `grow(n)` must add n more rows the page shows; without it only the ceiling is checked.
    Returns the two counts (with 1 row, with 50). Counts the drawing of the page: the page cache
    is off meanwhile, since a kept page costs only the person's query and would hide the rest."""
    with override_settings(PAGE_CACHE_ENABLED=False):
        return _assert_page_budget(client, url, at_most=at_most, grow=grow, status=status)


def _assert_page_budget(client, url, *, at_most, grow, status):
    if grow is not None:
        grow(1)
    client.get(url)  # warm-up: one-off lookups (content types, site) are not the page's cost
    small, small_sql = count_queries(client, url, status=status)
    if grow is None:
        large, large_sql = small, small_sql
    else:
        grow(49)
        large, large_sql = count_queries(client, url, status=status)
    listing = "\n".join(large_sql)
    assert small == large, (
        f"{url}: {small} queries with 1 row but {large} with 50 (a query per row?):\n{listing}"
    )
    assert large <= at_most, f"{url}: {large} queries, over the budget of {at_most}:\n{listing}"
    return small, large
