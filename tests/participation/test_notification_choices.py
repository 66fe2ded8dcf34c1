"""Each person chooses, per kind of notification, how it reaches them: here only (the default),
an email at once, or a daily or weekly digest. The page asks one question per kind."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from participation.models import Delivery, NotificationChoice, NotificationTopic
from participation.models.notifications import topic_of
from participation.services import notification_choices_set, notify
from participation.services.personal_data import personal_data_export

pytestmark = pytest.mark.django_db

URL = "/notifications/"


def deliveries(user):
    return dict(NotificationChoice.objects.filter(user=user).values_list("kind", "delivery"))


def test_with_no_choice_nothing_is_emailed_or_held_for_a_digest(young_person):
    [note] = notify(recipients=young_person, kind="voice.response", title="An answer")
    assert not note.wants_email and note.digest == ""
    assert NotificationChoice.objects.count() == 0


def test_the_page_asks_about_each_kind_with_here_only_ticked(client, login, young_person):
    login(young_person)
    page = client.get(URL).content.decode()
    assert page.count("<fieldset") == len(NotificationTopic.values) - 1  # no staff work
    assert "<legend" in page and "Answers to things you said" in page
    assert "Work for staff" not in page
    for topic in NotificationTopic.values:
        if topic != NotificationTopic.WORK:
            assert f'name="{topic}" value="portal" id="id_{topic}_0" checked' in page
    assert "We do not send emails unless you ask for them." in page


def test_staff_are_also_asked_about_their_work(client, login, worker):
    login(worker)
    page = client.get(URL).content.decode()
    assert "Work for staff" in page
    assert page.count("<fieldset") == len(NotificationTopic.values)


def test_choices_saved_on_the_page_decide_how_each_kind_arrives(
    client, login, young_person, django_capture_on_commit_callbacks
):
    login(young_person)
    choices = dict.fromkeys(NotificationTopic.values, "portal")
    del choices[NotificationTopic.WORK]
    choices.update(answers="email_now", elections="daily", training="weekly")
    response = client.post(URL, choices, follow=True)
    assert "Your choices are saved." in response.content.decode()
    assert deliveries(young_person)["answers"] == "email_now"
    with django_capture_on_commit_callbacks(execute=True):
        [answer] = notify(recipients=young_person, kind="voice.response", title="An answer")
        [vote] = notify(recipients=young_person, kind="election.published", title="Vote now")
        [course] = notify(recipients=young_person, kind="training.expiring", title="Redo it")
        [meeting] = notify(recipients=young_person, kind="activity.reminder", title="Tomorrow")
    assert [m.subject for m in mail.outbox] == ["[Youth Voice] An answer"]
    assert "/notifications/" in mail.outbox[0].body  # how to stop them
    assert [(n.wants_email, n.digest) for n in (answer, vote, course, meeting)] == [
        (True, ""),
        (False, "daily"),
        (False, "weekly"),
        (False, ""),
    ]
    page = client.get(URL).content.decode()
    assert 'name="answers" value="email_now" id="id_answers_1" checked' in page


def test_a_wrong_or_missing_answer_is_explained_and_what_was_chosen_stays(
    client, login, young_person
):
    login(young_person)
    response = client.post(URL, {"answers": "daily", "elections": "by pigeon"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose one of the ways to hear about elections and votes." in page
    assert "Choose how you want to hear about training." in page
    assert 'href="#id_elections_0"' in page
    assert 'name="answers" value="daily" id="id_answers_2" checked' in page  # kept
    assert NotificationChoice.objects.count() == 0  # nothing saved


def test_a_young_person_cannot_choose_for_staff_work(client, login, young_person):
    login(young_person)
    choices = {t: "weekly" for t in NotificationTopic.values}
    assert client.post(URL, choices).status_code == 302
    assert "work" not in deliveries(young_person)


def test_the_service_refuses_unknown_kinds_and_ways(young_person):
    with pytest.raises(ValidationError) as error:
        notification_choices_set(user=young_person, choices={"gossip": "portal"})
    assert "There is no kind of notification with that name." in str(error.value)
    with pytest.raises(ValidationError) as error:
        notification_choices_set(user=young_person, choices={"answers": "shout"})
    assert "Choose how you want answers to things you said." in str(error.value)
    assert not NotificationChoice.objects.exists()


def test_waiting_digest_notes_follow_a_changed_choice(young_person):
    notification_choices_set(user=young_person, choices={"answers": "daily", "elections": "daily"})
    [answer] = notify(recipients=young_person, kind="voice.response", title="An answer")
    [vote] = notify(recipients=young_person, kind="election.published", title="Vote now")
    notification_choices_set(
        user=young_person, choices={"answers": "weekly", "elections": "portal"}
    )
    answer.refresh_from_db()
    vote.refresh_from_db()
    assert answer.digest == "weekly"
    assert vote.digest == ""  # already here on the website; no email any more


def test_a_safety_alert_is_never_held_back_for_a_digest(worker, django_capture_on_commit_callbacks):
    notification_choices_set(user=worker, choices={"work": "weekly"})
    with django_capture_on_commit_callbacks(execute=True):
        [alert] = notify(recipients=worker, kind="voice.safeguarding_alert", title="A concern")
        [other] = notify(recipients=worker, kind="voice.escalation", title="Overdue")
    assert alert.wants_email and alert.digest == ""
    assert other.digest == "weekly" and not other.wants_email
    assert [m.subject for m in mail.outbox] == ["[Youth Voice] A concern"]


def test_one_query_reads_every_recipients_choice(
    young_person, make_user, django_assert_num_queries
):
    people = [make_user("young_person") for _ in range(20)]
    for person in people[::2]:
        notification_choices_set(user=person, choices={"answers": "email_now"})
    with django_assert_num_queries(2):  # the choices, and the insert
        rows = notify(recipients=people, kind="voice.response", title="An answer")
    assert [r.wants_email for r in rows] == [i % 2 == 0 for i in range(20)]


@pytest.mark.parametrize(
    ("kind", "topic"),
    [
        ("voice.response", "answers"),
        ("voice.consultation_open", "have_your_say"),
        ("activity.reminder", "meetings"),
        ("forums.policy_item_scheduled", "meetings"),
        ("forums.member_added", "forums"),
        ("forums.application_new", "work"),
        ("election.results", "elections"),
        ("training.expiring", "training"),
        ("training.expiring_worker", "work"),
        ("grants.something_new", "other"),
        ("test", "other"),
    ],
)
def test_every_kind_falls_into_one_topic(kind, topic):
    assert topic_of(kind) == topic


def test_the_download_lists_the_choices(young_person):
    notification_choices_set(user=young_person, choices={"answers": "daily"})
    exported = personal_data_export(user=young_person)["participation"]["notification_choices"]
    assert exported == {"Answers to things you said": Delivery.DAILY.label}
