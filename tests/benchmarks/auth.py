"""Bench-only, for a "what if" figure: a logged-in ballot with the user's roles loaded in the
user's own query. Not used by the portal.

participation's StaffMFARequiredMiddleware asks for a young person's roles in a second query on
every request (`user.has_staff_role`). This backend loads them with the user, so the benchmark
can show what removing that round trip would buy. Whether to do it is the lead's call.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef

from participation.models import RoleAssignment, User


class RolesWithUserBackend(ModelBackend):
    def get_user(self, user_id):
        roles = RoleAssignment.objects.filter(user=OuterRef("pk")).values("role")
        user = (
            User._default_manager.annotate(role_list=ArraySubquery(roles))
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        user.__dict__["role_names"] = frozenset(user.role_list)
        return user
