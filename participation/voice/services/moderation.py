"""Report a concern, and the moderation queue workers clear. A concern about a child's safety
reaches the designated safeguarding leads at once (and every participation worker if no lead
has been named, so it never lands nowhere)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from participation.access import require
from participation.models import Role, User
from participation.services import audit, notify

from ..models import CONCERN_FLOW, Concern, SafeguardingLead
from ..moderation import reportable_for
from ..permissions import may_read_concern
from .items import _workers


def _safeguarding_leads() -> list[User]:
    leads = [
        User(pk=pk)
        for pk in SafeguardingLead.objects.filter(user__is_active=True).values_list(
            "user_id", flat=True
        )
    ]
    return leads or _workers()


@transaction.atomic
def concern_report(*, reported_by: User, target: Model, about_safety: bool, what: str) -> Concern:
    require(reported_by, "voice.report_concern", target)
    kind = reportable_for(target)
    if kind is None:
        raise ValidationError("This can't be reported here.")
    what = what.strip()
    if not what:
        raise ValidationError({"what": "Tell us what worries you."})
    now = timezone.now()
    concern = Concern(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        url=kind.url_for(target),
        reported_by=reported_by,
        about_safety=about_safety,
        what=what,
        safeguarding_alerted_at=now if about_safety else None,
    )
    concern.full_clean()
    concern.save()
    audit(actor=reported_by, action="voice.concern.report", target=concern, safety=about_safety)
    if about_safety:
        # Its words go only to people who may read them (`voice.read_concern`): when no lead is
        # named, every worker is alerted, and a private concern (mentoring) reaches them
        # without its words, asking them to have a lead named.
        recipients = _safeguarding_leads()
        readers = [u for u in recipients if may_read_concern(u, concern)]
        notify(
            recipients=readers,
            kind="voice.safeguarding_alert",
            title="A concern about a child's safety was reported",
            body=f"About {kind.describe(target)}: {what}",
            url=reverse("voice:concerns"),
        )
        notify(
            recipients=[u for u in recipients if u not in readers],
            kind="voice.safeguarding_alert",
            title="A concern about a child's safety was reported",
            body="Only a designated safeguarding lead can read it, and none is named. Ask an "
            "administrator to name one today.",
            url=reverse("voice:concerns"),
        )
    return concern


@transaction.atomic
def concern_resolve(*, concern: Concern, resolved_by: User, resolution: str) -> Concern:
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    require(resolved_by, "voice.moderate", concern)
    resolution = resolution.strip()
    if not resolution:
        raise ValidationError({"resolution": "Say what you did about it."})
    concern.resolution = resolution
    concern.resolved_by = resolved_by
    concern.resolved_at = timezone.now()
    CONCERN_FLOW.move(
        concern,
        "resolve",
        actor=resolved_by,
        extra_fields=["resolution", "resolved_by", "resolved_at"],
    )
    return concern


@transaction.atomic
def safeguarding_lead_appoint(*, user: User, appointed_by: User) -> SafeguardingLead:
    require(appointed_by, "voice.appoint_lead")
    if not user.has_role(Role.WORKER):
        raise ValidationError("A designated safeguarding lead must be a participation worker.")
    lead, created = SafeguardingLead.objects.get_or_create(
        user=user, defaults={"appointed_by": appointed_by}
    )
    if not created:
        raise ValidationError(f"{user.display_name} is already a safeguarding lead.")
    audit(actor=appointed_by, action="voice.safeguarding_lead.appoint", target=user)
    return lead
