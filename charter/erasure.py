"""What the charters do when a person deletes their account.

A signature, a pledge, evidence and a young inspector's judgement or visit report belong to the
organisation's public record, so they stay, no longer naming the person. Evidence is the
organisation's words, not the person's own.
"""

from participation.models import User

from .models import Evidence, Judgement, Pledge, Signatory, StaffRatingGiven, Visit


def _label(model) -> str:
    return model._meta.label_lower


POLICIES = {
    _label(Signatory): "anonymise",
    _label(Pledge): "anonymise",
    _label(Evidence): "anonymise",
    _label(Judgement): "anonymise",
    _label(Visit): "anonymise",
    # Only that they rated an activity's staff; their answers were never stored with them.
    _label(StaffRatingGiven): "erase",
}


def erase_charter_data(user: User) -> None:
    Signatory.objects.filter(signed_by=user).update(signed_by=None)
    Pledge.objects.filter(updated_by=user).update(updated_by=None)
    Evidence.objects.filter(added_by=user).update(added_by=None)
    Judgement.objects.filter(inspector=user).update(inspector=None)
    Judgement.objects.filter(answered_by=user).update(answered_by=None)
    Visit.objects.filter(inspector=user).update(inspector=None)
    StaffRatingGiven.objects.filter(user=user).delete()
