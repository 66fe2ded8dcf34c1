"""Acceptance: a completion unlocks exactly what its module says, and stops when it expires.
Someone never trained, or whose training ran out, is refused with a plain-English reason."""

from datetime import date

import pytest
import time_machine
from django.utils import timezone

from participation import services
from participation.models import Role, Unlock
from participation.services.training import add_months

from .helpers import a_worker, make_module, young

pytestmark = pytest.mark.django_db


def sign_off(module, person, on: date, worker=None):
    return services.training_group_signoff(
        module=module, people=[person], signed_off_by=worker or a_worker(), completed_on=on
    )[0]


def test_a_completion_unlocks_exactly_what_its_module_says():
    worker = a_worker()
    interview = make_module(
        title="Interview training", unlocks=["recruitment_panel", "young_inspector"], worker=worker
    )
    make_module(title="Commissioning evaluator", unlocks=["commissioning_evaluator"], worker=worker)
    amira = young()
    sign_off(interview, amira, timezone.localdate(), worker)

    answers = {unlock: bool(services.is_trained(amira, unlock)) for unlock in Unlock.values}

    assert answers == {
        "grant_reviewer": False,
        "commissioning_evaluator": False,
        "recruitment_panel": True,
        "young_inspector": True,
        "working_with_young_people": False,
    }


def test_training_stops_unlocking_when_it_expires():
    reviewer = make_module(title="Pay it Forward reviewer", valid_for_months=12)
    kai = young(first_name="Kai", last_name="")
    with time_machine.travel(date(2025, 3, 10), tick=False):
        completion = sign_off(reviewer, kai, date(2025, 3, 10))
    assert completion.expires_on == date(2026, 3, 10)

    with time_machine.travel(date(2026, 3, 9), tick=False):
        check = services.is_trained(kai, Unlock.GRANT_REVIEWER)
        assert check
        assert check.reason == (
            "Kai did Pay it Forward reviewer on 10 March 2025, and it is valid until 9 March 2026."
        )
    with time_machine.travel(date(2026, 3, 10), tick=False):
        check = services.is_trained(kai, Unlock.GRANT_REVIEWER)
        assert not check
        assert check.reason == (
            "Kai's Pay it Forward reviewer training was valid until 9 March 2026, so it has run "
            "out. They need to do the refresher before they can be a pay it forward grant "
            "reviewer again."
        )


def test_the_on_date_is_answered_without_travelling():
    reviewer = make_module(valid_for_months=24)
    kai = young()
    sign_off(reviewer, kai, date(2024, 1, 31))
    assert services.is_trained(kai, "grant_reviewer", on=date(2024, 1, 31))
    assert services.is_trained(kai, "grant_reviewer", on=date(2026, 1, 30))
    assert not services.is_trained(kai, "grant_reviewer", on=date(2026, 1, 31))
    # Before the training was done, it did not count yet.
    assert not services.is_trained(kai, "grant_reviewer", on=date(2024, 1, 30))


def test_someone_never_trained_is_refused_with_the_training_that_counts():
    make_module(title="Pay it Forward reviewer", unlocks=["grant_reviewer"])
    nia = young(first_name="Nia", last_name="")
    check = services.is_trained(nia, Unlock.GRANT_REVIEWER)
    assert not check
    assert check.reason == (
        "Nia has not done the training to be a pay it forward grant reviewer yet. "
        "The training that counts is: Pay it Forward reviewer."
    )


def test_when_no_training_unlocks_it_the_reason_says_so():
    nia = young(first_name="Nia", last_name="")
    check = services.is_trained(nia, Unlock.YOUNG_INSPECTOR)
    assert not check
    assert "no training for it is ready" in check.reason


def test_a_refresher_renews_it_and_the_longest_lasting_completion_is_reported():
    reviewer = make_module(valid_for_months=12)
    kai = young(first_name="Kai", last_name="")
    sign_off(reviewer, kai, date(2024, 2, 1))
    sign_off(reviewer, kai, date(2025, 1, 15))
    check = services.is_trained(kai, "grant_reviewer", on=date(2025, 6, 1))
    assert check
    assert "valid until 14 January 2026" in check.reason


def test_a_completion_that_never_runs_out():
    induction = make_module(title="Induction", unlocks=["young_inspector"], valid_for_months=None)
    kai = young()
    sign_off(induction, kai, date(2020, 5, 1))
    assert services.is_trained(kai, "young_inspector", on=date(2040, 1, 1))


def test_changing_a_module_later_does_not_change_what_was_earned():
    worker = a_worker()
    reviewer = make_module(valid_for_months=24, worker=worker)
    kai = young()
    completion = sign_off(reviewer, kai, date(2025, 1, 1), worker)
    services.training_module_update(
        module=reviewer,
        updated_by=worker,
        title=reviewer.title,
        summary=reviewer.summary,
        audience=reviewer.audience,
        delivery=reviewer.delivery,
        unlocks=["grant_reviewer"],
        valid_for_months=6,
        duration_minutes=60,
        pass_mark=80,
        is_published=True,
    )
    completion.refresh_from_db()
    assert completion.expires_on == date(2027, 1, 1)


def test_trained_user_ids_answers_for_many_people_in_one_query(django_assert_num_queries):
    reviewer = make_module(valid_for_months=12)
    trained, expired, never = young(), young(), young()
    sign_off(reviewer, trained, timezone.localdate())
    sign_off(reviewer, expired, date(2020, 1, 1))
    with django_assert_num_queries(1):
        ids = services.trained_user_ids("grant_reviewer")
    assert ids == {trained.pk}
    assert never.pk not in ids


def test_the_permission_layer_asks_the_same_service():
    reviewer = make_module(valid_for_months=12)
    kai, nia = young(), young()
    with time_machine.travel(date(2025, 3, 10), tick=False):
        sign_off(reviewer, kai, date(2025, 3, 10))
        assert kai.has_perm("participation.act_as_grant_reviewer")
        assert not nia.has_perm("participation.act_as_grant_reviewer")
        assert not kai.has_perm("participation.act_as_commissioning_evaluator")
    with time_machine.travel(date(2026, 4, 1), tick=False):
        assert not kai.has_perm("participation.act_as_grant_reviewer")


def test_add_months_keeps_to_the_end_of_short_months():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)


def test_only_a_worker_can_sign_off(make_user):
    module = make_module()
    officer = make_user(Role.OFFICER)
    with pytest.raises(Exception, match="Only a participation worker"):
        services.training_group_signoff(
            module=module, people=[young()], signed_off_by=officer, completed_on=date(2025, 1, 1)
        )
