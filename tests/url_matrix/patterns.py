"""Every URL pattern of the root resolver, included apps too (Django admin aside)."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

# Django admin has its own permission system (is_staff) and its own tests upstream. Static and
# media files are served by WhiteNoise, not by URL patterns; if a pattern for them ever appears
# it is left out too. allauth's account and two-factor pages are in: they are ours to secure.
EXCLUDED_PREFIXES = ("admin/", settings.STATIC_URL.lstrip("/"), settings.MEDIA_URL.lstrip("/"))


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name", the key of the kwargs table and the expected file
    route: str  # the route as written, prefixes of includes joined
    arguments: tuple[str, ...]  # the names of the arguments it takes

    @property
    def takes_arguments(self) -> bool:
        return bool(self.arguments)


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(EXCLUDED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            name = entry.name or route
            yield (f"{namespace}:{name}" if namespace and entry.name else name), route, entry


def all_patterns() -> list[Pattern]:
    """Every pattern once, keyed by its URL name (or its route when it has no name)."""
    found: dict[str, Pattern] = {}
    for name, route, _entry in _walk(get_resolver().url_patterns):
        key = name if name not in found else f"{name}@{route}"
        found[key] = Pattern(key, route, _arguments_of(route))
    return sorted(found.values(), key=lambda p: p.name)


def _arguments_of(route: str) -> tuple[str, ...]:
    """Argument names in a route: path converters (`<int:pk>`) and regex groups."""
    names = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    return tuple(dict.fromkeys(names))
