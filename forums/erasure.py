"""What forums does when a person deletes their account.

Runs inside the base's erasure (`participation.services.personal_data.account_erase`), before
the base anonymises the person and deletes their memberships (forum and task-group members are
the base's `Membership` rows). Afterwards no forums row holds their care status or the words
they wrote, and none links them to an application or a nomination. Rows that belong to
someone else (a young person's nomination made by a professional who leaves, a policy item an
officer brought) stay, pointing at the anonymised account, which holds no name or email.
"""

from django.db.models import Q

from forums.models import (
    AgendaItem,
    AnnualReport,
    AnnualReportEdit,
    AnnualReportRecipient,
    Application,
    CareStatus,
    Forum,
    Meeting,
    MeetingAction,
    Nomination,
    PolicyItem,
    TaskGroup,
)
from participation.models import Notification, User

# How a person who has deleted their account is named in the notes forums sent others.
FORMER_PERSON = "a young person who has since left the portal"


def _label(model) -> str:
    return model._meta.label_lower


POLICIES = {
    # Being in care is the most private thing forums knows: the record goes.
    _label(CareStatus): "erase",
    # Their applications (and the reasons they gave) and the nominations of them go; a worker
    # who decided applications is taken off them.
    _label(Application): "erase",
    _label(Nomination): "erase",
    # Actions they were to do stay with the meeting, with nobody named as doing them; a worker
    # who wrote or raised them is taken off them.
    _label(MeetingAction): "anonymise",
    # A worker who leaves is no longer one of a forum's workers; who created a forum, a task
    # group, an agenda item or who last saved minutes is forgotten.
    _label(Forum): "anonymise",
    _label(Forum.workers.through): "erase",
    _label(TaskGroup): "anonymise",
    _label(Meeting): "anonymise",
    _label(AgendaItem): "anonymise",
    _label(PolicyItem): (
        "keep: a policy item is the partner organisation's question to a forum and the forum's "
        "answer; the officer's name goes with their anonymised account, and whoever sent the "
        "answer is forgotten"
    ),
}


def erase_forums_data(user: User) -> None:
    _unname_in_notes_to_others(user)
    CareStatus.objects.filter(user=user).delete()
    Application.objects.filter(applicant=user).delete()
    Application.objects.filter(decided_by=user).update(decided_by=None)
    Nomination.objects.filter(young_person=user).delete()
    MeetingAction.objects.filter(owner=user).update(owner=None, owner_name="")
    MeetingAction.objects.filter(created_by=user).update(created_by=None)
    MeetingAction.objects.filter(you_said_raised_by=user).update(you_said_raised_by=None)
    Forum.workers.through.objects.filter(user=user).delete()
    Forum.objects.filter(created_by=user).update(created_by=None)
    TaskGroup.objects.filter(created_by=user).update(created_by=None)
    Meeting.objects.filter(minutes_updated_by=user).update(minutes_updated_by=None)
    AgendaItem.objects.filter(created_by=user).update(created_by=None)
    PolicyItem.objects.filter(responded_by=user).update(responded_by=None)


def _unname_in_notes_to_others(user: User) -> None:
    """Forums' notes to workers and professionals ("Amira Khan has applied to join B-Safe
    Team") keep what happened but no longer say who. The person's own notes are the base's to
    delete."""
    name = user.display_name
    if not name.strip():
        return
    notes = (
        Notification.objects.filter(kind__startswith="forums.")
        .exclude(user=user)
        .filter(Q(title__contains=name) | Q(body__contains=name))
    )
    for note in notes:
        note.title = _unname(note.title, name)[:200]
        note.body = _unname(note.body, name)
        note.save(update_fields=["title", "body"])


def _unname(text: str, name: str) -> str:
    text = text.replace(name, FORMER_PERSON)
    if text.startswith(FORMER_PERSON):
        text = text[0].upper() + text[1:]
    return text


# --- The Youth Council's year -----------------------------------------------------------------

YEAR_POLICIES = {
    # An annual report is the forum's, written by its members together and shared with Council
    # Leaders: its words stay, and who last saved, started or published it is forgotten.
    _label(AnnualReport): "anonymise",
    # Each of their saves (who, when, and the words as they saved them) goes.
    _label(AnnualReportEdit): "erase",
    # A recipient is someone outside the portal; the worker who added or sent it is forgotten.
    _label(AnnualReportRecipient): "anonymise",
}


def erase_year_data(user: User) -> None:
    AnnualReportEdit.objects.filter(edited_by=user).delete()
    AnnualReport.objects.filter(words_updated_by=user).update(words_updated_by=None)
    AnnualReport.objects.filter(created_by=user).update(created_by=None)
    AnnualReport.objects.filter(published_by=user).update(published_by=None)
    AnnualReportRecipient.objects.filter(added_by=user).update(added_by=None)
    AnnualReportRecipient.objects.filter(sent_by=user).update(sent_by=None)
