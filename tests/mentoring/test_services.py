"""Pairing rules, the log, ending a pairing, and concerns."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from participation.mentoring import services
from participation.mentoring.models import (
    DBSCheck,
    MentoringMeeting,
    Pairing,
    PairingStatus,
    dbs_runs_out_on,
)
from participation.models import AuditEvent, Notification
from participation.voice.models import Concern
from tests.factories import UserFactory
from tests.mentoring.factories import World, young

pytestmark = pytest.mark.django_db


def _messages(error) -> str:
    return " ".join(error.value.messages)


def test_a_worker_pairs_a_trained_peer_mentor_with_a_younger_child():
    w = World()
    pairing = w.peer(goals=["Feel OK about secondary school", "  "])
    assert pairing.status == PairingStatus.ACTIVE
    assert pairing.worker == w.worker
    assert [g.text for g in pairing.goals.all()] == ["Feel OK about secondary school"]
    assert "Total Respect" in pairing.checks_when_paired
    assert "DBS check dated" in pairing.checks_when_paired
    assert AuditEvent.objects.filter(action="mentoring.pairing.create").count() == 1
    told = set(Notification.objects.filter(kind="mentoring.paired").values_list("user", flat=True))
    assert told == {w.jordan.pk, w.leo.pk}


def test_an_adult_mentor_without_a_recorded_dbs_check_cannot_be_paired_with_a_child():
    w = World()
    DBSCheck.objects.filter(mentor=w.jordan).delete()
    with pytest.raises(ValidationError) as error:
        w.peer()
    assert "record Jordan Clarke's DBS check first" in _messages(error)
    assert not Pairing.objects.exists()


def test_a_board_member_without_a_dbs_check_cannot_mentor_a_15_year_old():
    w = World()
    DBSCheck.objects.filter(mentor=w.grace).delete()
    with pytest.raises(ValidationError) as error:
        w.board()
    assert "Grace Ade is an adult and Amira is under 18" in _messages(error)
    assert not Pairing.objects.exists()


def test_a_dbs_check_counts_for_three_years_and_not_a_day_more():
    w = World()
    DBSCheck.objects.filter(mentor=w.jordan).delete()
    dated = w.dbs(w.jordan, days_ago=1000).checked_on
    runs_out = dbs_runs_out_on(dated)
    assert runs_out == dated.replace(year=dated.year + 3)
    with time_machine.travel(runs_out - timedelta(days=1)):
        assert w.peer().status == PairingStatus.ACTIVE
        Pairing.objects.all().delete()
    with time_machine.travel(runs_out):
        with pytest.raises(ValidationError) as error:
            w.peer()
    assert f"ran out on {runs_out.day} " in _messages(error)
    assert dbs_runs_out_on(date(2024, 2, 29)) == date(2027, 2, 28)


def test_a_dbs_check_that_has_already_run_out_or_is_in_the_future_is_not_recorded():
    w = World()
    with pytest.raises(ValidationError) as error:
        w.dbs(w.jordan, days_ago=3 * 366)
    assert "counts for 3 years" in _messages(error)
    with pytest.raises(ValidationError) as error:
        w.dbs(w.jordan, days_ago=-1)
    assert "can't be in the future" in _messages(error)


def test_two_young_people_under_18_need_no_dbs_check():
    w = World()
    mentor = young(16, first_name="Kai")
    w.train(mentor)
    pairing = services.pairing_create(kind="peer", mentor=mentor, mentee=w.leo, made_by=w.worker)
    assert "DBS" not in pairing.checks_when_paired


def test_an_untrained_mentor_is_refused_with_the_training_reason():
    w = World()
    mentor = young(16, first_name="Kai")
    with pytest.raises(ValidationError) as error:
        services.pairing_create(kind="peer", mentor=mentor, mentee=w.leo, made_by=w.worker)
    assert "Kai" in _messages(error) and "needs training first" in _messages(error)


def test_a_peer_mentor_must_be_older_by_two_years():
    w = World()
    mentor = young(12, first_name="Ben")
    w.train(mentor)
    with pytest.raises(ValidationError) as error:
        services.pairing_create(kind="peer", mentor=mentor, mentee=w.leo, made_by=w.worker)
    assert "14 or older" in _messages(error)
    assert "at least 2 years older" in _messages(error)


def test_board_mentoring_is_for_a_member_of_the_forum_chosen():
    w = World()
    outsider = young(15, first_name="Zoe")
    with pytest.raises(ValidationError) as error:
        services.pairing_create(
            kind="board", mentor=w.grace, mentee=outsider, made_by=w.worker, group=w.youth_council
        )
    assert "only for members of Youth Council" in _messages(error)
    assert w.board().group == w.youth_council


def test_only_a_board_member_can_be_a_board_mentor():
    w = World()
    with pytest.raises(ValidationError) as error:
        services.pairing_create(
            kind="board",
            mentor=w.other_worker,
            mentee=w.amira,
            made_by=w.worker,
            group=w.youth_council,
        )
    assert "must be a board member" in _messages(error)


def test_the_same_pair_cannot_be_paired_twice_while_it_is_going_on():
    w = World()
    w.peer()
    with pytest.raises(ValidationError) as error:
        w.peer()
    assert "already mentoring" in _messages(error)


def test_the_parent_named_must_be_a_parent_or_carer():
    w = World()
    with pytest.raises(ValidationError) as error:
        services.pairing_create(
            kind="peer", mentor=w.jordan, mentee=w.leo, made_by=w.worker, parent_carer=w.grace
        )
    assert "not a parent or carer account" in _messages(error)


def test_the_log_keeps_date_place_and_what_was_worked_on():
    w = World()
    pairing = w.peer()
    meeting = w.meeting(pairing, worked_on="Looked at clubs. Picked football.")
    assert (meeting.held_on, meeting.place) == (timezone.localdate(), "Bilston Youth Project")
    with pytest.raises(ValidationError) as error:
        w.meeting(pairing, days_ago=-1)
    assert "in the future" in _messages(error)
    with pytest.raises(ValidationError) as error:
        w.meeting(pairing, days_ago=5)
    assert "can't be before that" in _messages(error)
    with pytest.raises(ValidationError) as error:
        w.meeting(pairing, place=" ", worked_on="")
    assert error.value.message_dict.keys() == {"place", "worked_on"}
    assert MentoringMeeting.objects.count() == 1


def test_the_mentee_ends_the_pairing_at_any_time_and_nothing_more_can_be_logged():
    w = World()
    pairing = w.peer()
    w.meeting(pairing)
    ended = services.pairing_end(pairing=pairing, ended_by=w.leo, reason="I feel OK now.")
    assert ended.status == PairingStatus.ENDED
    assert ended.ended_by == w.leo and ended.end_reason == "I feel OK now."
    assert AuditEvent.objects.filter(action="mentoring.pairing.end", actor=w.leo).exists()
    told = set(Notification.objects.filter(kind="mentoring.ended").values_list("user", flat=True))
    assert told == {w.jordan.pk, w.worker.pk}
    with pytest.raises(ValidationError) as error:
        w.meeting(Pairing.objects.get(pk=pairing.pk))
    assert "has ended" in _messages(error)
    with pytest.raises(ValidationError) as error:
        services.pairing_end(pairing=pairing, ended_by=w.leo)
    assert "already ended" in _messages(error)


def test_the_mentees_parent_can_end_it_but_another_parent_cannot():
    w = World()
    pairing = w.peer()
    other_parent = UserFactory(roles=["parent_carer"])
    with pytest.raises(ValidationError):
        services.pairing_end(pairing=pairing, ended_by=other_parent)
    assert services.pairing_end(pairing=pairing, ended_by=w.dad).ended_by == w.dad


def test_ending_frees_the_pair_to_be_paired_again():
    w = World()
    services.pairing_end(pairing=w.peer(), ended_by=w.leo)
    assert w.peer().status == PairingStatus.ACTIVE


def test_goals_are_added_and_marked_done_by_the_pair():
    w = World()
    pairing = w.peer()
    goal = services.goal_add(pairing=pairing, text="Try football", added_by=w.leo)
    done = services.goal_mark_done(goal=goal, marked_by=w.jordan)
    assert done.status == "done"
    with pytest.raises(ValidationError) as error:
        services.goal_mark_done(goal=goal, marked_by=w.jordan)
    assert "already marked as done" in _messages(error)


def test_a_concern_about_a_meeting_reaches_the_safeguarding_lead():
    from participation.voice.services import concern_report

    w = World()
    meeting = w.meeting(w.peer())
    concern = concern_report(
        reported_by=w.leo, target=meeting, about_safety=True, what="He asked for my number."
    )
    assert concern.url == f"/mentoring/{meeting.pairing_id}/"
    alert = Notification.objects.get(kind="voice.safeguarding_alert")
    assert alert.user == w.lead
    assert "mentoring meeting" in alert.body
    assert Concern.objects.count() == 1


def test_pairing_checks_use_the_day_they_are_made():
    w = World()
    # Training done 30 days ago, valid 36 months: still fine in a year.
    with time_machine.travel(timezone.now() + timedelta(days=365)):
        w.dbs(w.jordan, days_ago=0)
        assert w.peer().is_active
