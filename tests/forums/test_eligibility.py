"""Eligibility is decided in one service, with a plain-English reason for each rule broken."""

from datetime import date

import pytest
import time_machine

from forums.models import CareStatusKind, CareStatusNeeded
from forums.services import forum_eligibility
from participation.models import Role
from tests.factories import UserFactory, WorkerFactory, YoungPersonFactory, birthday_for_age
from tests.forums.factories import CiccFactory, ForumFactory, in_care

pytestmark = pytest.mark.django_db


def test_a_young_person_of_the_right_age_can_join():
    forum = ForumFactory(min_age=11, max_age=18)
    assert forum_eligibility(forum=forum, person=YoungPersonFactory()).ok


@pytest.mark.parametrize("age", [10, 19])
def test_too_young_or_too_old_says_their_age_and_the_forums(age):
    forum = ForumFactory(name="Youth Council", min_age=11, max_age=18)
    person = YoungPersonFactory(date_of_birth=birthday_for_age(age))
    result = forum_eligibility(forum=forum, person=person)
    assert not result.ok
    assert result.reasons == (f"You are {age}. Youth Council is for young people aged 11 to 18.",)


def test_reasons_about_someone_else_use_their_name():
    forum = ForumFactory(name="Youth Council", min_age=11, max_age=18)
    person = YoungPersonFactory(first_name="Jay", date_of_birth=birthday_for_age(19))
    result = forum_eligibility(forum=forum, person=person, about_them=True)
    assert result.reason == "Jay is 19. Youth Council is for young people aged 11 to 18."


def test_age_is_worked_out_on_the_day_asked():
    forum = ForumFactory(min_age=11, max_age=18)
    person = YoungPersonFactory(date_of_birth=date(2007, 6, 1))
    with time_machine.travel(date(2026, 5, 31)):
        assert forum_eligibility(forum=forum, person=person).ok
    with time_machine.travel(date(2026, 6, 1)):
        assert "You are 19." in forum_eligibility(forum=forum, person=person).reason
    assert forum_eligibility(forum=forum, person=person, on=date(2026, 5, 31)).ok


def test_unknown_age_is_explained():
    forum = ForumFactory(min_age=11)
    person = YoungPersonFactory(date_of_birth=None)
    assert "We don't know your age yet" in forum_eligibility(forum=forum, person=person).reason


def test_care_forum_needs_the_right_care_status():
    cicc = CiccFactory()
    person = YoungPersonFactory()
    unknown = forum_eligibility(forum=cicc, person=person)
    assert not unknown.ok
    assert "is for young people in the care of the council" in unknown.reason
    in_care(person, CareStatusKind.NOT_IN_CARE)
    assert (
        "our records don't show that you are" in forum_eligibility(forum=cicc, person=person).reason
    )
    person.care_status.status = CareStatusKind.IN_CARE
    person.care_status.save()
    assert forum_eligibility(forum=cicc, person=person).ok


def test_care_leavers_forum_needs_a_care_leaver():
    clic = CiccFactory(min_age=18, max_age=25, care_status_needed=CareStatusNeeded.CARE_LEAVER)
    person = YoungPersonFactory(date_of_birth=birthday_for_age(20))
    in_care(person, CareStatusKind.IN_CARE)
    assert (
        "care leavers supported by the Transitions Team"
        in forum_eligibility(forum=clic, person=person).reason
    )
    person.care_status.status = CareStatusKind.CARE_LEAVER
    person.care_status.save()
    assert forum_eligibility(forum=clic, person=person).ok


def test_area_must_match_one_of_the_forums_areas():
    forum = ForumFactory(name="SpeakOut", area="Kent, Medway")
    assert forum_eligibility(forum=forum, person=YoungPersonFactory(area="medway")).ok
    far = forum_eligibility(forum=forum, person=YoungPersonFactory(area="Bilston"))
    assert far.reason == "SpeakOut is for young people who live in Kent or Medway, not Bilston."
    nowhere = forum_eligibility(forum=forum, person=YoungPersonFactory(area=""))
    assert "Your account doesn't say where you live." in nowhere.reason


def test_every_rule_broken_is_listed():
    forum = ForumFactory(min_age=11, max_age=18, area="Kent", care_status_needed="in_care")
    person = YoungPersonFactory(date_of_birth=birthday_for_age(20), area="Bilston")
    assert len(forum_eligibility(forum=forum, person=person).reasons) == 3


def test_adults_are_not_young_people():
    forum = ForumFactory()
    assert forum_eligibility(forum=forum, person=WorkerFactory()).reason == (
        "Forums are for young people."
    )
    parent = UserFactory(roles=[Role.PARENT_CARER])
    assert not forum_eligibility(forum=forum, person=parent).ok


def test_a_forum_with_no_ages_set_is_still_for_10_to_25_year_olds():
    forum = ForumFactory(name="SpeakOut")
    person = YoungPersonFactory(date_of_birth=birthday_for_age(26))
    assert forum_eligibility(forum=forum, person=person).reason == (
        "You are 26. SpeakOut is for young people aged 10 to 25."
    )
