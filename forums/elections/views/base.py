"""The page shapes elections are built from, on participation.views.base."""

from django.core.exceptions import PermissionDenied

from participation.views.base import ObjectPageMixin

from .. import selectors


class ElectionPageMixin(ObjectPageMixin):
    """A page about one election the person may see (404 otherwise).

    With `role_first`, the permission is asked before the election is looked up, so someone
    who may never do this (a worker on the ballot paper) is told so, whichever election."""

    role_first = False

    def get_object(self):
        return selectors.election_or_404(user=self.request.user, pk=self.kwargs["pk"])

    def has_permission(self):
        if self.role_first and not all(
            self.request.user.has_perm(p) for p in self.get_permission_required()
        ):
            raise PermissionDenied
        return super().has_permission()


class StationPageMixin(ObjectPageMixin):
    """Pages for a polling station's contact (and workers), nobody else."""

    permission_required = "elections.run_station"

    def get_object(self):
        self.station = selectors.station_or_404(pk=self.kwargs["station_pk"])
        return self.station
