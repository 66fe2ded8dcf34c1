"""The one permission layer: a rule and its refusal live together; services and views ask the
same question and get the same answer."""

import pytest
import rules
from django.http import Http404

from participation.access import Refused, allowed, fetch_or_404, permission, require
from participation.models import Role, User
from participation.permissions import is_worker
from tests import factories

pytestmark = pytest.mark.django_db

permission(
    "tests.run_the_thing", is_worker, refusal="Only a participation worker can run the thing."
)


def test_require_refuses_with_the_rules_own_words():
    young = factories.YoungPersonFactory()
    with pytest.raises(Refused) as refused:
        require(young, "tests.run_the_thing")
    assert refused.value.messages == ["Only a participation worker can run the thing."]
    assert refused.value.code == "forbidden"


def test_require_lets_the_permitted_through_and_agrees_with_has_perm():
    worker = factories.WorkerFactory()
    young = factories.YoungPersonFactory()
    require(worker, "tests.run_the_thing")
    for person in (worker, young):
        assert allowed(person, "tests.run_the_thing") == person.has_perm("tests.run_the_thing")
        assert allowed(person, "tests.run_the_thing") == rules.has_perm(
            "tests.run_the_thing", person
        )


def test_nobody_and_inactive_people_are_refused():
    worker = factories.WorkerFactory(is_active=False)
    assert not allowed(None, "tests.run_the_thing")
    assert not allowed(worker, "tests.run_the_thing")
    with pytest.raises(Refused):
        require(None, "tests.run_the_thing")


def test_an_unknown_rule_refuses_in_general_words():
    with pytest.raises(Refused) as refused:
        require(factories.WorkerFactory(), "tests.no_such_rule")
    assert refused.value.messages == ["You don't have permission to do this."]


@rules.predicate
def is_themselves(user, other):
    return other is not None and user.pk == other.pk


permission("tests.see_person", is_themselves)


def test_fetch_or_404_hides_what_the_person_may_not_see():
    young = factories.YoungPersonFactory()
    other = factories.YoungPersonFactory()
    assert fetch_or_404(young, "tests.see_person", User, pk=young.pk) == young
    with pytest.raises(Http404):
        fetch_or_404(young, "tests.see_person", User, pk=other.pk)
    with pytest.raises(Http404):
        fetch_or_404(young, "tests.see_person", User.objects.all(), pk=10**9)
    assert young.has_role(Role.YOUNG_PERSON)
