"""Young people rate, anonymously, how the staff at a session lived each principle of the Kent
Youth Charter. Nothing links an answer to the young person; results appear only per session
of 5 answers or more, after answers close, and the totals add up only what is shown, so a
hidden session cannot be worked out by subtracting."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from charter import selectors, services
from charter.models import RATING_CLOSES_AFTER_DAYS, StaffRatingGiven, StaffRatingTally
from participation.services import attendance_record, personal_data_export
from tests.factories import WorkerFactory, YoungPersonFactory
from tests.participation.training.helpers import make_activity

pytestmark = pytest.mark.django_db

PRINCIPLES = ["Respectful and kind", "Including and accepting"]


class Ratings:
    def __init__(self):
        self.worker = WorkerFactory()
        self.charter = services.charter_create(
            created_by=self.worker, title="Kent Youth Charter", summary="s", rates_staff=True
        )
        version = self.charter.versions.get()
        self.principles = [
            services.principle_add(version=version, added_by=self.worker, name=n)
            for n in PRINCIPLES
        ]

    def session(self, people, title="SpeakOut session", days_ago=1):
        activity = make_activity(
            worker=self.worker,
            title=title,
            starts_at=timezone.now() - timedelta(days=days_ago, hours=3),
            hours=2,
        )
        attendance_record(
            activity=activity,
            recorded_by=self.worker,
            statuses={p.pk: "present" for p in people},
        )
        return activity

    def rate(self, activity, person, first=3, second=3):
        return services.staff_rating_give(
            activity=activity,
            user=person,
            charter=self.charter,
            scores={self.principles[0].pk: first, self.principles[1].pk: second},
        )


def after_close():
    return time_machine.travel(
        timezone.now() + timedelta(days=RATING_CLOSES_AFTER_DAYS + 1), tick=False
    )


def test_nothing_stored_links_an_answer_to_the_young_person():
    r = Ratings()
    amira = YoungPersonFactory()
    activity = r.session([amira])
    r.rate(activity, amira, first=1, second=3)
    given = {f.name for f in StaffRatingGiven._meta.get_fields()}
    assert given == {"id", "activity", "user"}  # no score, no time
    tally = {f.name for f in StaffRatingTally._meta.get_fields()}
    assert "user" not in tally and not any("at" == n[-2:] for n in tally)
    counts = set(StaffRatingTally.objects.values_list("principle__name", "score", "count"))
    assert ("Respectful and kind", 1, 1) in counts and ("Including and accepting", 3, 1) in counts
    # Every counter of the activity exists already, so which ones are new tells nothing.
    assert StaffRatingTally.objects.count() == len(PRINCIPLES) * 3
    exported = json.dumps(personal_data_export(user=amira), default=str)
    assert "SpeakOut session" in exported and "Not really" not in exported


def test_one_rating_each_only_if_there_and_only_once_it_has_finished():
    r = Ratings()
    amira, kai = YoungPersonFactory(), YoungPersonFactory()
    activity = r.session([amira])
    r.rate(activity, amira)
    with pytest.raises(ValidationError, match="already said"):
        r.rate(activity, amira)
    with pytest.raises(ValidationError, match="if you were there"):
        r.rate(activity, kai)
    upcoming = make_activity(worker=r.worker, days=3)
    with pytest.raises(ValidationError, match="once the activity has finished"):
        r.rate(upcoming, amira)
    with after_close(), pytest.raises(ValidationError, match="too late"):
        r.rate(activity, amira)
    assert StaffRatingGiven.objects.count() == 1


def test_every_principle_needs_an_answer():
    r = Ratings()
    amira = YoungPersonFactory()
    activity = r.session([amira])
    with pytest.raises(ValidationError) as refused:
        services.staff_rating_give(
            activity=activity, user=amira, charter=r.charter, scores={r.principles[0].pk: 3}
        )
    assert list(refused.value.message_dict) == [f"p_{r.principles[1].pk}"]
    assert not StaffRatingGiven.objects.exists()


def test_fewer_than_5_answers_are_never_shown_nor_can_be_worked_out():
    r = Ratings()
    five = [YoungPersonFactory() for _ in range(5)]
    four = [YoungPersonFactory() for _ in range(4)]
    big = r.session(five, title="Big session")
    small = r.session(four, title="Small session")
    for person in five:
        r.rate(big, person, first=3, second=2)
    for person in four:
        r.rate(small, person, first=1, second=1)
    with after_close():
        ratings = selectors.staff_ratings(r.charter)
    assert [a.activity.title for a in ratings.activities] == ["Big session"]
    # The totals are the shown session's exactly: nothing of the hidden one is in them.
    assert [(o.answers, o.always, o.points) for o in ratings.overall] == [(5, 5, 15), (5, 0, 10)]


def test_results_wait_until_answers_close(client):
    r = Ratings()
    people = [YoungPersonFactory() for _ in range(6)]
    activity = r.session(people, title="Kent session")
    for person in people:
        r.rate(activity, person)
    url = reverse("charter:staff_ratings", args=[r.charter.slug])
    assert selectors.staff_ratings(r.charter).activities == []
    assert "Kent session" not in client.get(url).content.decode()
    with after_close():
        page = client.get(url).content.decode()
    assert "Kent session" in page and "6 young people answered" in page


def test_the_rating_page_is_for_young_people_who_were_there(client, login):
    r = Ratings()
    amira = YoungPersonFactory()
    activity = r.session([amira])
    url = reverse("charter:rate_staff", args=[activity.pk])
    login(r.worker)
    assert client.get(url).status_code == 403
    client.logout()
    login(amira)
    page = client.get(url)
    assert page.status_code == 200 and "Nobody will know what you said" in page.content.decode()
    assert client.post(url, {}).status_code == 400
    data = {f"p_{p.pk}": "3" for p in r.principles}
    assert client.post(url, data).status_code == 302
    assert StaffRatingGiven.objects.filter(user=amira).count() == 1
    again = client.post(url, data)
    assert again.status_code == 400 and "already said" in again.content.decode()


def test_the_ratings_page_budget(client):
    from tests.pagebudget import assert_page_budget

    r = Ratings()

    def grow(n):
        for _ in range(n):
            people = [YoungPersonFactory() for _ in range(5)]
            activity = r.session(people, days_ago=30)
            for person in people:
                StaffRatingGiven.objects.create(activity=activity, user=person)
            StaffRatingTally.objects.bulk_create(
                StaffRatingTally(activity=activity, principle=p, score=3, count=5)
                for p in r.principles
            )

    assert_page_budget(client, reverse("charter:staff_ratings", args=[r.charter.slug]), grow=grow)


def test_the_board_dashboard_shows_only_what_can_be_shown():
    from charter.selectors import charter_dashboard_section

    r = Ratings()
    four = [YoungPersonFactory() for _ in range(4)]
    small = r.session(four, title="Small session")
    for person in four:
        r.rate(small, person, first=3, second=3)
    with after_close():
        row = charter_dashboard_section()["rows"][0]
    assert row["staff_lived_it_always"] == "not enough answers yet"
    five = [YoungPersonFactory() for _ in range(5)]
    big = r.session(five, title="Big session")
    for person in five:
        r.rate(big, person, first=1, second=3)
    with after_close():
        row = charter_dashboard_section()["rows"][0]
    # Half of the five people's ten answers; the small session's all-"always" is left out.
    assert row["staff_lived_it_always"] == "50%"
