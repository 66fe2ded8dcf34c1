"""Writes for organisations: the schools, community groups and services that workers add, so
that they can be chosen as polling stations (and anywhere else an organisation is needed)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from participation.access import require
from participation.models import Organisation, OrganisationKind, User

from .audit import audit


def _clean(*, name: str, kind: str, area: str, instead_of: Organisation | None = None):
    name, area = " ".join(name.split()), " ".join(area.split())
    errors = {}
    if not name:
        errors["name"] = "Fill in: Name."
    elif (
        Organisation.objects.filter(name__iexact=name)
        .exclude(pk=getattr(instead_of, "pk", None))
        .exists()
    ):
        errors["name"] = f"There is already one called {name}. Choose it from the list instead."
    if kind not in OrganisationKind.values:
        errors["kind"] = "Choose what kind of place it is from the list."
    if errors:
        raise ValidationError(errors)
    return name, area


def _free_slug(name: str, *, instead_of: Organisation | None = None) -> str:
    base = slugify(name)[:190] or "organisation"
    taken = set(
        Organisation.objects.filter(slug__startswith=base)
        .exclude(pk=getattr(instead_of, "pk", None))
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _save(organisation: Organisation, *, name: str) -> Organisation:
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as error:
        # Someone else added the same name a moment ago.
        raise ValidationError(
            {"name": f"There is already one called {name}. Choose it from the list instead."}
        ) from error
    return organisation


def organisation_create(*, actor: User, name: str, kind: str, area: str = "") -> Organisation:
    require(actor, "participation.manage_organisations")
    name, area = _clean(name=name, kind=kind, area=area)
    organisation = Organisation(name=name, slug=_free_slug(name), kind=kind, area=area)
    _save(organisation, name=name)
    audit(actor=actor, action="organisation.create", target=organisation, name=name)
    return organisation


def organisation_update(
    *, actor: User, organisation: Organisation, name: str, kind: str, area: str = ""
) -> Organisation:
    require(actor, "participation.manage_organisations", organisation)
    name, area = _clean(name=name, kind=kind, area=area, instead_of=organisation)
    if name != organisation.name:
        organisation.slug = _free_slug(name, instead_of=organisation)
    organisation.name, organisation.kind, organisation.area = name, kind, area
    _save(organisation, name=name)
    audit(actor=actor, action="organisation.update", target=organisation, name=name)
    return organisation
