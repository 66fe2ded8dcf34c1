"""What the scoring engine does when a person deletes their account.

Scores are a record of decisions: an application was funded, a provider won a contract, a
candidate was shortlisted, partly because of them, and the people scored are owed the reasons.
So a sheet a panellist *sent* stays, with its scores, no longer pointing at them, and its
comments (their own words) are emptied. What never counted goes: unsent drafts, their places on
panels and their conflict declarations (a conflict only stopped them scoring; the audit log
keeps that one was declared, without the reason). Panels, agreed scores and rankings that staff
made stay and lose the link to the person; an agreed score keeps its reason, which is about the
item, not the person, and is what a challenge to the decision would be answered with. Stored
rankings never name panellists at all (they hold sheet numbers).
"""

from participation.models import User

from .models import Conflict, ModeratedScore, Panel, Panellist, Ranking, Score, Sheet, SheetStatus


def _label(model) -> str:
    return model._meta.label_lower


POLICIES = {
    _label(Panellist): "erase",
    _label(Conflict): "erase",
    _label(Sheet): "anonymise",
    _label(Panel): "anonymise",
    _label(ModeratedScore): "anonymise",
    _label(Ranking): "anonymise",
}


def erase_scoring_data(user: User) -> None:
    Sheet.objects.filter(person=user, status=SheetStatus.DRAFT).delete()
    sent = Sheet.objects.filter(person=user)
    Score.objects.filter(sheet__in=sent).update(comment="")
    sent.update(person=None)
    Conflict.objects.filter(person=user).delete()
    Panellist.objects.filter(person=user).delete()
    Panellist.objects.filter(added_by=user).update(added_by=None)
    Panel.objects.filter(created_by=user).update(created_by=None)
    ModeratedScore.objects.filter(moderated_by=user).update(moderated_by=None)
    Ranking.objects.filter(recorded_by=user).update(recorded_by=None)
