"""Reads for organisations: the list workers keep, and the places a polling station can be."""

from django.shortcuts import get_object_or_404

from participation.models import Organisation, OrganisationKind

# Where young people can vote on paper or with codes: schools, community groups and the
# specialist services (NHS, charities, providers) that run groups for young people.
POLLING_STATION_KINDS = [
    OrganisationKind.SCHOOL,
    OrganisationKind.COMMUNITY,
    OrganisationKind.CHARITY,
    OrganisationKind.NHS,
    OrganisationKind.PROVIDER,
    OrganisationKind.OTHER,
]


def organisations_list(*, kind: str = ""):
    organisations = Organisation.objects.order_by("name")
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    return organisations


def organisation_or_404(*, pk: int) -> Organisation:
    """Organisations are not secret; the page's permission decides who may change one."""
    return get_object_or_404(Organisation, pk=pk)


def polling_station_places():
    return Organisation.objects.filter(kind__in=POLLING_STATION_KINDS).order_by("name")
