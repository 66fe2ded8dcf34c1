"""Reads used by views and dashboards; visibility rules are applied here, once."""

from participation.models import Notification, User


def unread_notification_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(*, user: User, limit: int = 100):
    return Notification.objects.filter(user=user).only(
        "id", "title", "body", "url", "created_at", "read_at"
    )[:limit]


def home_sections_for(*, user) -> list[dict]:
    """What each kind of user can do here, in plain words, for the home page."""
    from participation.models import Role

    sections = {
        Role.YOUNG_PERSON: {
            "title": "For young people",
            "points": [
                "Join a Youth Voice forum, like the Youth Council or the B-Safe Team.",
                "Stand in elections and vote for who speaks for you.",
                "Tell us what you think, and see what was done about it.",
                "Do training, go to events, and keep a record of what you have done.",
            ],
        },
        Role.PARENT_CARER: {
            "title": "For parents and carers",
            "points": [
                "Tell us what you think about services for your family.",
                "Give consent for a child under 13 to take part.",
            ],
        },
        Role.WORKER: {
            "title": "For participation workers",
            "points": [
                "Run forums, meetings, elections, training and events.",
                "Set up accounts for children under 13 with their parent or carer.",
            ],
        },
        Role.PROFESSIONAL: {
            "title": "For social workers and other professionals",
            "points": ["Put a young person forward for the Children in Care Council or CLIC."],
        },
        Role.OFFICER: {
            "title": "For partner organisations",
            "points": [
                "Answer what young people said about your service.",
                "Keep your Co-Production Charter promises and show your evidence.",
            ],
        },
        Role.BOARD_MEMBER: {
            "title": "For board members",
            "points": ["Read honest dashboards. Numbers only, never names."],
        },
        Role.PROVIDER: {
            "title": "For providers",
            "points": ["Bid in commissioning rounds judged by young people."],
        },
        Role.ADMINISTRATOR: {
            "title": "For administrators",
            "points": ["Manage accounts, roles and data requests."],
        },
    }
    if user.is_authenticated:
        mine = [sections[r] for r in Role if r in user.role_names]
        if mine:
            return mine
    return [
        sections[Role.YOUNG_PERSON],
        sections[Role.PARENT_CARER],
        sections[Role.WORKER],
        sections[Role.OFFICER],
        sections[Role.BOARD_MEMBER],
    ]
