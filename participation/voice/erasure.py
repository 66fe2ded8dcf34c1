"""What "you said, we did" does when a person deletes their account.

An item belongs to everyone who supported it and to the organisation that answered it, so it
stays, but without the words of the person who left: its title and text are replaced and it
no longer points at them. Their follows and ratings go. An officer's published answers stay
(they are the organisation's answer), no longer naming who wrote them.
"""

from django.db.models import Q

from participation.models import Notification, User

from .models import (
    Concern,
    Consultation,
    FeedbackReminder,
    Follow,
    ParticipationLead,
    Rating,
    Response,
    SafeguardingLead,
    SessionFeedback,
    Submission,
    YouSaidItem,
)

REMOVED_TITLE = "An item raised by someone who has left the portal"
REMOVED_TEXT = "The person who raised this has left the portal, so their words were removed."


def _label(model) -> str:
    return model._meta.label_lower


POLICIES = {
    _label(YouSaidItem): "anonymise",
    _label(Follow): "erase",
    _label(Rating): "erase",
    _label(Response): "anonymise",
    _label(ParticipationLead): "erase",
    # Their answers to consultations go (with the answers' words); a consultation they wrote
    # stays, no longer naming them.
    _label(Submission): "erase",
    _label(Consultation): "anonymise",
    _label(Concern): (
        "keep: a reported concern can be a safeguarding record the council must keep; it no "
        "longer names the person who reported it or the worker who dealt with it"
    ),
    _label(SafeguardingLead): "erase",
    _label(SessionFeedback): "erase",
    _label(FeedbackReminder): "erase",
}


def erase_voice_data(user: User) -> None:
    _unsay_in_notes_to_others(user)
    YouSaidItem.objects.filter(raised_by=user).update(
        raised_by=None, title=REMOVED_TITLE, text=REMOVED_TEXT, decline_reason=""
    )
    YouSaidItem.objects.filter(Q(text_approved_by=user)).update(text_approved_by=None)
    YouSaidItem.objects.filter(routed_by=user).update(routed_by=None)
    YouSaidItem.objects.filter(officer=user).update(officer=None)
    Follow.objects.filter(user=user).delete()
    Rating.objects.filter(user=user).delete()
    Response.objects.filter(published_by=user).update(published_by=None)
    ParticipationLead.objects.filter(user=user).delete()
    ParticipationLead.objects.filter(appointed_by=user).update(appointed_by=None)
    Submission.objects.filter(user=user).delete()
    Consultation.objects.filter(created_by=user).update(created_by=None)
    Concern.objects.filter(reported_by=user).update(reported_by=None)
    Concern.objects.filter(resolved_by=user).update(resolved_by=None)
    SafeguardingLead.objects.filter(user=user).delete()
    SessionFeedback.objects.filter(user=user).delete()
    FeedbackReminder.objects.filter(user=user).delete()
    SafeguardingLead.objects.filter(appointed_by=user).update(appointed_by=None)


def _unsay_in_notes_to_others(user: User) -> None:
    """Notes to others quoted the titles of their items ("An answer to your item: ..."): the
    notes stay, with the words replaced. Their own notes are the base's to delete."""
    for title, text in YouSaidItem.objects.filter(raised_by=user).values_list("title", "text"):
        words = [w for w in (title.strip(), text.strip()) if len(w) >= 4]
        if not words:
            continue
        query = Q()
        for w in words:
            query |= Q(title__contains=w) | Q(body__contains=w)
        for note in (
            Notification.objects.filter(kind__startswith="voice.").exclude(user=user).filter(query)
        ):
            for w in words:
                note.title = note.title.replace(w, REMOVED_TITLE.lower())[:200]
                note.body = note.body.replace(w, REMOVED_TITLE.lower())
            note.save(update_fields=["title", "body"])
