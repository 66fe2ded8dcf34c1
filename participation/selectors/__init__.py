"""Reads used by views and dashboards; visibility rules are applied here, once."""

from participation.models import Notification, User


def unread_notification_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(*, user: User, limit: int = 100):
    return Notification.objects.filter(user=user).only(
        "id", "title", "body", "url", "created_at", "read_at"
    )[:limit]


def notification_choices_for(*, user: User) -> dict[str, str]:
    """Every topic with this person's choice for it (the portal only where they made none)."""
    from participation.models import Delivery, NotificationChoice, NotificationTopic

    chosen = dict(NotificationChoice.objects.filter(user=user).values_list("kind", "delivery"))
    return {topic: chosen.get(topic, Delivery.PORTAL) for topic in NotificationTopic.values}


def notification_topics_for(*, user: User) -> list[str]:
    """The topics this person is asked about: staff work only for people with a staff role."""
    from participation.models import NotificationTopic

    topics = list(NotificationTopic.values)
    if not user.has_staff_role:
        topics.remove(NotificationTopic.WORK)
    return topics


def home_items_for(*, user) -> list[dict]:
    """What is waiting for this person now (a vote to cast, a nomination to answer, their next
    meeting, unread notifications), from every app's `registry.home_items`, for the top of the
    home page. Unread notifications come last; an app whose contribution fails is logged and
    left out, so one app's fault never takes the home page down."""
    import logging

    from participation.registry import registry

    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    for name, contribute in list(registry.home_items.items()):
        try:
            items.extend(
                item for item in contribute(user) or [] if item.get("text") and item.get("url")
            )
        except Exception:
            logging.getLogger(__name__).exception("home item %r failed", name)
    return sorted(items, key=lambda item: item.get("kind") == "notifications")


def _home_link(user, text: str, url_name: str, perm: str | None = None) -> dict | None:
    """A link for the home page, only to a page that exists and that this person can open."""
    from django.urls import NoReverseMatch, reverse

    if perm is not None and not user.has_perm(perm):
        return None
    try:
        return {"text": text, "url": reverse(url_name)}
    except NoReverseMatch:
        return None


def home_sections_for(*, user) -> list[dict]:
    """What this person can do here, in plain words, each with a link to a page that exists
    and that they can open (a page shows once, in the first section that has it); for someone
    not logged in, how to start. Each later app adds its own lines here when its pages exist."""
    from participation.models import Role

    def link(text: str, url_name: str, perm: str | None = None) -> dict | None:
        return _home_link(user, text, url_name, perm)

    if not user.is_authenticated:
        sections = [
            (
                "Find out more",
                link("See the Youth Voice forums", "forums:list"),
                link("Youth Voice news and the Draw Your Own Solution hub", "content:news"),
                link("Pay it Forward: projects young people funded", "grants:showcase"),
                link("Under 13? Find out how to join in", "under_13"),
                link("How we look after your information", "privacy"),
            ),
        ]
        return _home_sections(sections)

    roles = user.role_names
    sections = []
    if Role.YOUNG_PERSON in roles:
        sections += [
            (
                "Have your say",
                link("See the Youth Voice forums, and ask to join one", "forums:list"),
                link("Your forums", "forums:mine"),
                link(
                    "Tell us about something that needs to change",
                    "voice:raise",
                    "voice.raise_item",
                ),
                link("Answer a question we are asking young people", "voice:consultations"),
                link(
                    "Vote in elections, or stand to be elected: this is how people get onto "
                    "the Youth Council",
                    "elections:list",
                    "elections.view_elections",
                ),
            ),
            (
                "Learn and take part",
                link("Go to events", "activity_list", "participation.view_activities"),
                link("Do training", "training_list", "participation.view_training"),
                link(
                    "See the training you have done", "training_mine", "participation.view_training"
                ),
            ),
            (
                "Make things happen",
                link(
                    "Ask for a Pay it Forward grant (£250 to £1,000) to help other people",
                    "grants:list",
                ),
                link("Your grant applications", "grants:mine", "grants.apply"),
                link(
                    "Write an article for the Youth Council's newsletter",
                    "content:write",
                    "content.write_article",
                ),
                link(
                    "Score bids and interview candidates on your panels",
                    "commissioning:my_panels",
                    "commissioning.evaluate",
                ),
                link("Your mentoring", "mentoring:mine", "mentoring.see_own"),
                link(
                    "Your record of what you have done, to print for a CV",
                    "mentoring:my_record",
                    "mentoring.see_own",
                ),
            ),
        ]
    if Role.PARENT_CARER in roles:
        sections.append(
            (
                "For parents and carers",
                link("See the forums your child could join", "forums:list"),
                link("How children under 13 can join in", "under_13"),
            )
        )
    if Role.PROVIDER in roles:
        sections.append(
            (
                "For providers",
                link(
                    "Services young people are commissioning: bid, and read your feedback",
                    "commissioning:round_list",
                    "commissioning.view_round",
                ),
            )
        )
    if user.has_staff_role:
        nominates = user.has_perm("forums.nominate")
        sections.append(
            (
                "Your work",
                link("Staff area", "staff_home", "participation.view_staff_area"),
                link(
                    "Forums: open the Children in Care Council or CLIC to put a young person "
                    "forward"
                    if nominates
                    else "Forums",
                    "forums:list",
                ),
                link("Start a new forum", "forums:create", "forums.add_forum"),
                link(
                    "Record who is in care or has left care",
                    "forums:care_status",
                    "forums.record_care_status",
                ),
                link(
                    "Policy questions for forums", "forums:policy_items", "forums.view_policy_items"
                ),
                link(
                    "Set up an account for a child under 13",
                    "young_person_create",
                    "participation.create_young_person_account",
                ),
                link(
                    "Things young people said, waiting for you to pass on",
                    "voice:worker_queue",
                    "voice.view_worker_queue",
                ),
                link(
                    "Things young people said, waiting for your answer",
                    "voice:officer_queue",
                    "voice.view_officer_queue",
                ),
                link("Elections", "elections:list", "elections.view_elections"),
                link("Set up an election", "elections:create", "elections.create_election"),
                link("Events", "activity_list", "participation.view_activities"),
                link("Add an event", "activity_create", "participation.manage_activities"),
                link("Training", "training_list", "participation.view_training"),
                link(
                    "Add a training module",
                    "training_module_create",
                    "participation.manage_training",
                ),
                link("Pay it Forward grant rounds", "grants:list"),
                link(
                    "Commissioning rounds and recruitment panels",
                    "commissioning:round_list",
                    "commissioning.view_round",
                ),
                link(
                    "Articles waiting for the editors",
                    "content:review",
                    "content.view_review_queue",
                ),
                link("Mentoring pairs", "mentoring:pairings", "mentoring.see_pairings"),
                link(
                    "Records waiting to be checked",
                    "mentoring:record_checks",
                    "mentoring.check_records",
                ),
            )
        )
    sections += [
        (
            "See what is happening",
            link("Youth Voice forums", "forums:list"),
            link("Elections", "elections:list", "elections.view_elections"),
            link("You said, we did: what was done about what young people said", "voice:public"),
            link("The Co-Production Charter and who has signed it", "charter:list"),
            link("Youth Voice news and the Youth Council's newsletter", "content:news"),
            link("Draw Your Own Solution: articles, playlists and videos", "content:hub"),
            link("Pay it Forward: projects young people funded", "grants:showcase"),
        ),
        (
            "Your account",
            link("Your notifications", "notifications"),
            link("See, download or delete your information", "my_data"),
        ),
    ]
    return _home_sections(sections)


def _home_sections(sections) -> list[dict]:
    """Sections as the template wants them: each page once, empty sections left out."""
    seen, result = set(), []
    for title, *links in sections:
        links = [x for x in links if x and x["url"] not in seen]
        seen.update(x["url"] for x in links)
        if links:
            result.append({"title": title, "links": links})
    return result
