"""What Pay it Forward does when a person deletes their account.

Their applications are erased with everything in them (budget, trusted adult, parent or carer,
the showcase entry under their chosen name). An award stays, without its application, so the
round's budget and figures still count money that was really given; its receipts and visit
notes are the workers' and visitors' record of how the money was used. What workers and
visitors did (payments, visits, moderation) stays, no longer naming them.
"""

from participation.models import User

from .models import Application, Award, Receipt, Round, ShowcaseEntry, Visit, VisitPhoto


def _label(model) -> str:
    return model._meta.label_lower


POLICIES = {
    _label(Application): "erase",
    _label(Round): "anonymise",
    _label(Award): "anonymise",
    _label(Receipt): "anonymise",
    _label(Visit): "anonymise",
    _label(VisitPhoto): "anonymise",
    _label(ShowcaseEntry): "anonymise",
}


def erase_grants_data(user: User) -> None:
    Application.objects.filter(applicant=user).delete()
    Application.objects.filter(consent_confirmed_by=user).update(consent_confirmed_by=None)
    Application.objects.filter(decided_by=user).update(decided_by=None)
    Round.objects.filter(created_by=user).update(created_by=None)
    Award.objects.filter(paid_by=user).update(paid_by=None)
    Receipt.objects.filter(added_by=user).update(added_by=None)
    Visit.objects.filter(recorded_by=user).update(recorded_by=None)
    Visit.objects.filter(created_by=user).update(created_by=None)
    VisitPhoto.objects.filter(added_by=user).update(added_by=None)
    ShowcaseEntry.objects.filter(moderated_by=user).update(moderated_by=None)
