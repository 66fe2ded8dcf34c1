"""Charters are versioned; an officer signs for their organisation; pledges, evidence and the
young inspectors' judgement of every promise set the standing."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from charter import services
from charter.models import Promise, Signatory, Standing
from participation.models import AuditEvent, Group, GroupKind, Notification
from tests.charter.factories import World

pytestmark = pytest.mark.django_db


def test_a_new_version_starts_as_a_copy_and_the_signed_one_stays_as_it_was():
    w = World()
    signed = w.sign()
    version_2 = services.version_create(
        charter=w.charter, created_by=w.worker, what_changed="A promise about schools."
    )
    services.promise_add(version=version_2, added_by=w.worker, text="To listen in every school")
    assert version_2.number == 2
    assert [p.name for p in version_2.principles.all()] == ["Trust"]
    assert version_2.promises.count() == 3
    assert signed.version.promises.count() == 2


def test_a_signed_version_cannot_change():
    w = World()
    w.sign()
    with pytest.raises(ValidationError, match="already signed this version"):
        services.promise_add(version=w.version, added_by=w.worker, text="Another")
    assert Promise.objects.filter(version=w.version).count() == 2


def test_signing_records_who_when_and_which_board_for_a_year():
    w = World()
    board = Group.objects.create(
        name="Children and Families Together Board",
        slug="children-and-families-together-board",
        kind=GroupKind.BOARD,
    )
    signed = w.sign(board=board, adopted_on=date(2019, 1, 31))
    assert signed.signed_by == w.officer
    assert signed.adopted_by_board == board and signed.adopted_on == date(2019, 1, 31)
    assert signed.standing == Standing.SIGNED
    assert signed.renew_by == timezone.localdate() + timedelta(days=365)
    assert AuditEvent.objects.filter(action="charter.sign", target_id=str(signed.pk)).exists()


def test_an_organisation_signs_a_version_once_with_a_clear_message():
    w = World()
    w.sign()
    with pytest.raises(ValidationError, match="City of Wolverhampton Council has already signed"):
        w.sign()
    assert Signatory.objects.count() == 1


def test_a_board_that_is_not_a_board_or_a_future_date_is_refused():
    w = World()
    forum = Group.objects.create(name="Youth Council", slug="youth-council", kind=GroupKind.FORUM)
    with pytest.raises(ValidationError) as refused:
        w.sign(board=forum)
    assert refused.value.message_dict == {"board": ["Choose a board from the list."]}
    with pytest.raises(ValidationError) as refused:
        w.sign(adopted_on=timezone.localdate() + timedelta(days=1))
    assert "future" in refused.value.message_dict["adopted_on"][0]
    assert not Signatory.objects.exists()


def test_an_officer_cannot_sign_for_another_organisation():
    w = World()
    with pytest.raises(ValidationError, match="Only an officer of an organisation"):
        w.sign(organisation=w.headstart)


def test_a_pledge_is_for_a_promise_of_the_version_signed():
    w = World()
    signed = w.sign()
    version_2 = services.version_create(charter=w.charter, created_by=w.worker, what_changed="x")
    other = version_2.promises.first()
    with pytest.raises(ValidationError, match="not in the version"):
        w.pledge(signed, other)


def test_saving_a_pledge_again_changes_it():
    w = World()
    signed = w.sign()
    w.pledge(signed, w.promises[0], text="First")
    pledge = w.pledge(signed, w.promises[0], text="Second")
    assert signed.pledges.get().text == "Second" == pledge.text


def test_evidence_needs_something_in_it():
    w = World()
    pledge = w.pledge(w.sign(), w.promises[0])
    with pytest.raises(ValidationError, match="Write something, add a link or choose a file"):
        services.evidence_add(pledge=pledge, added_by=w.officer)
    evidence = w.evidence(pledge, text="", link="https://example.org/feedback")
    assert evidence.link == "https://example.org/feedback"


def test_judging_every_promise_makes_the_standing_evidence_reviewed():
    w = World()
    signed, pledges = w.ready_to_judge()
    w.judge(pledges[0], "established")
    signed.refresh_from_db()
    assert signed.standing == Standing.SIGNED  # one promise still unjudged
    w.judge(pledges[1], "emerging")
    signed.refresh_from_db()
    assert signed.standing == Standing.REVIEWED
    assert Notification.objects.filter(user=w.officer, kind="charter.reviewed").count() == 1
    assert AuditEvent.objects.filter(action="charter.signatory.review").count() == 1


def test_a_pledge_with_no_evidence_cannot_be_judged():
    w = World()
    pledge = w.pledge(w.sign(), w.promises[0])
    with pytest.raises(ValidationError, match="no evidence"):
        w.judge(pledge)


def test_a_judgement_needs_a_level_and_what_young_people_say():
    w = World()
    _signed, pledges = w.ready_to_judge()
    with pytest.raises(ValidationError) as refused:
        services.evidence_judge(
            pledge=pledges[0], inspector=w.inspector, level="brilliant", young_people_say=""
        )
    assert "level" in refused.value.message_dict


def test_an_inspector_whose_training_ran_out_cannot_judge():
    w = World()
    _signed, pledges = w.ready_to_judge()
    with time_machine.travel(timezone.now() + timedelta(days=400), tick=False):
        with pytest.raises(ValidationError, match="young inspector training"):
            w.judge(pledges[0])
    assert not pledges[0].judgements.exists()


def test_renewing_gives_another_year_and_the_standing_renewed():
    w = World()
    signed = w.sign()
    Signatory.objects.filter(pk=signed.pk).update(renew_by=timezone.localdate())
    renewed = services.signatory_renew(signatory=signed, renewed_by=w.officer)
    assert renewed.standing == Standing.RENEWED
    assert renewed.renew_by == timezone.localdate() + timedelta(days=365)


def test_a_level_other_than_the_organisations_own_is_a_challenge_they_answer_once():
    w = World()
    signed, pledges = w.ready_to_judge()  # their own level: established
    agreed = w.judge(pledges[0], "established")
    challenge = w.judge(pledges[1], "emerging")
    assert (agreed.challenged, challenge.challenged) == (False, True)
    assert Notification.objects.filter(user=w.officer, kind="charter.challenged").count() == 1
    with pytest.raises(ValidationError, match="agreed with you"):
        services.challenge_answer(judgement=agreed, answered_by=w.officer, answer="Thanks")
    with pytest.raises(ValidationError) as refused:
        services.challenge_answer(judgement=challenge, answered_by=w.officer, answer=" ")
    assert "answer" in refused.value.message_dict
    answered = services.challenge_answer(
        judgement=challenge, answered_by=w.officer, answer="We will ask every term from now."
    )
    assert answered.answered_by == w.officer and answered.answered_at is not None
    with pytest.raises(ValidationError, match="already been answered"):
        services.challenge_answer(judgement=challenge, answered_by=w.officer, answer="Again")
