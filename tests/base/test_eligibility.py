"""One eligibility rule for the whole portal: criteria in, every reason out in plain English."""

from datetime import date

import pytest

from participation.models import Role
from participation.registry import registry
from participation.selectors.eligibility import Criteria, eligibility
from tests import factories

pytestmark = pytest.mark.django_db

ON = date(2026, 6, 1)


def person(age=15, area="Bilston", **kwargs):
    return factories.YoungPersonFactory(
        first_name="Jay", date_of_birth=date(ON.year - age, 1, 1), area=area, **kwargs
    )


def test_everyone_inside_the_criteria_is_eligible():
    result = eligibility(person(), Criteria(what="Youth Council", min_age=11, max_age=18, on=ON))
    assert result.ok and bool(result) and result.reasons == ()


@pytest.mark.parametrize(("age", "ok"), [(10, False), (11, True), (16, True), (17, False)])
def test_age_on_the_day_at_its_edges(age, ok):
    result = eligibility(
        person(age), Criteria(what="Pay it Forward", min_age=11, max_age=16, on=ON)
    )
    assert result.ok is ok
    if not ok:
        assert result.reason == f"You are {age}. Pay it Forward is for young people aged 11 to 16."


def test_about_them_speaks_of_the_person():
    result = eligibility(
        person(19), Criteria(what="Youth Council", min_age=11, max_age=18, on=ON), about_them=True
    )
    assert result.reason == "Jay is 19. Youth Council is for young people aged 11 to 18."


def test_every_reason_is_given_at_once():
    group = factories.GroupFactory(name="Youth Council")
    result = eligibility(
        person(19, area="Walsall"),
        Criteria(
            what="This election",
            min_age=11,
            max_age=18,
            on=ON,
            areas=("Bilston", "Wednesfield"),
            group_id=group.pk,
            group_name=group.name,
        ),
    )
    assert result.reasons == (
        "You are 19. This election is for young people aged 11 to 18.",
        "This election is for young people who live in Bilston or Wednesfield, not Walsall.",
        "This election is only for members of Youth Council.",
    )


def test_membership_on_the_day_counts_and_a_known_set_saves_the_query(django_assert_num_queries):
    group = factories.GroupFactory(name="B-Safe Team")
    jay = person()
    factories.MembershipFactory(group=group, user=jay, started_on=date(2026, 1, 1))
    criteria = Criteria(what="This activity", on=ON, group_id=group.pk, group_name=group.name)
    assert eligibility(jay, criteria).ok
    with django_assert_num_queries(0):
        assert not eligibility(jay, criteria, member_of=set()).ok
        assert eligibility(jay, criteria, member_of={group.pk}).ok


def test_unknown_age_and_missing_area_say_what_to_do():
    nobody = factories.YoungPersonFactory(date_of_birth=None, area="")
    result = eligibility(
        nobody, Criteria(what="SpeakOut", min_age=10, max_age=25, areas=("Kent",), on=ON)
    )
    assert result.reasons == (
        "We don't know your age yet. A participation worker can add your date of birth.",
        "SpeakOut is for young people who live in Kent. Your account doesn't say where you live.",
    )


def test_roles_come_first_and_alone():
    parent = factories.UserFactory(roles=[Role.PARENT_CARER])
    result = eligibility(parent, Criteria(what="Forums", min_age=10, on=ON))
    assert result.reasons == ("Forums is for young people.",)
    custom = Criteria(what="x", role_refusal="Only young people can vote and stand in elections.")
    assert (
        eligibility(parent, custom).reason == "Only young people can vote and stand in elections."
    )


def test_app_rules_come_through_the_registry():
    registry.eligibility_rules["tests_lives_on_a_boat"] = lambda who, value, criteria, words: (
        ""
        if who.area == value
        else f"{criteria.what} is for people who live on {value}, and {words.you} don't."
    )
    try:
        criteria = Criteria(what="Boat club", rules=(("tests_lives_on_a_boat", "a boat"),))
        assert eligibility(person(area="a boat"), criteria).ok
        assert eligibility(person(), criteria).reason == (
            "Boat club is for people who live on a boat, and you don't."
        )
    finally:
        del registry.eligibility_rules["tests_lives_on_a_boat"]


def test_training_is_a_rule_every_app_can_name():
    criteria = Criteria(what="The panel", on=ON, rules=(("trained_for", "grant_reviewer"),))
    result = eligibility(person(), criteria)
    assert not result.ok
    assert result.reason
