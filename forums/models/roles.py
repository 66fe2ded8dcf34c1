from django.db import models


class MemberRole(models.TextChoices):
    """Roles held in a forum, stored in participation.Membership.role.

    Everyone in a forum has an open "member" row; an office (chair, Youth MP ...) is one more row
    with its own dates, so the history of who held what, and when, is kept.
    """

    MEMBER = "member", "Member"
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    YOUTH_MP = "youth_mp", "Youth MP"
    YOUTH_CRIME_COMMISSIONER = "youth_crime_commissioner", "Youth Crime Commissioner"
    SHADOW_BOARD_MEMBER = "shadow_board_member", "Shadow Board member"


OFFICE_ROLES = tuple(r for r in MemberRole if r != MemberRole.MEMBER)
MEMBER_ROLE_LABELS = dict(MemberRole.choices)
