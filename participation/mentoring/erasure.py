"""What mentoring does when a person deletes their account.

A pairing is about the mentee and the mentor together: when either goes, the pairing and its
log go (nothing in it is the organisation's record, and a log about a child must not outlive
the child's account). A DBS check and a record check are the person's own. A worker or parent
leaving only takes their name off.
"""

from participation.models import User

from .models import DBSCheck, Goal, MentoringMeeting, Pairing, RecordCheck


def _label(model) -> str:
    return model._meta.label_lower


POLICIES = {
    _label(Pairing): "erase",
    _label(Goal): "erase",
    _label(MentoringMeeting): "erase",
    _label(DBSCheck): "erase",
    _label(RecordCheck): "erase",
}


def erase_mentoring_data(user: User) -> None:
    from django.db.models import Q

    Pairing.objects.filter(Q(mentor=user) | Q(mentee=user)).delete()  # goals, meetings too
    Pairing.objects.filter(worker=user).update(worker=None)
    Pairing.objects.filter(parent_carer=user).update(parent_carer=None)
    Pairing.objects.filter(ended_by=user).update(ended_by=None)
    Goal.objects.filter(added_by=user).update(added_by=None)
    MentoringMeeting.objects.filter(recorded_by=user).update(recorded_by=None)
    DBSCheck.objects.filter(mentor=user).delete()
    DBSCheck.objects.filter(recorded_by=user).update(recorded_by=None)
    RecordCheck.objects.filter(person=user).delete()
    # The name stays on the record the worker checked: that is what the check means.
    RecordCheck.objects.filter(checked_by=user).update(checked_by=None)
