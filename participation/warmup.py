"""What a web process loads before it serves, so that it is loaded once and then left out of
the garbage collector's full scans (config/wsgi.py).

Django imports the URL patterns (and with them every view, form and template tag) at the first
request and compiles each template the first time it is drawn. Left to then, those objects
(about 75,000 here) are still scanned by every full collection, each of which stopped a worker
for 60-100 ms while its other threads' requests waited: the slowest hundredth of page requests
in issue 24's benchmark. Loading them here, before `gc.freeze()`, keeps full scans to the
objects requests make.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver

logger = logging.getLogger(__name__)


def _portal_template_names() -> list[str]:
    """Every HTML template of the portal's own (its template folders and its apps'), not the
    libraries'."""
    base = Path(settings.BASE_DIR)
    roots = [Path(folder) for folder in engines["django"].dirs]
    roots += [
        Path(app.path) / "templates"
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(base) and "site-packages" not in Path(app.path).parts
    ]
    names = set()
    for root in roots:
        if root.is_dir():
            names.update(str(path.relative_to(root)) for path in root.rglob("*.html"))
    return sorted(names)


def load_everything() -> int:
    """Import the URL patterns and compile the portal's templates; returns how many compiled."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 (importing them is the point)
    resolver.reverse_dict  # noqa: B018
    engine = engines["django"]
    compiled = 0
    for name in _portal_template_names():
        try:
            engine.get_template(name)
            compiled += 1
        except (TemplateDoesNotExist, TemplateSyntaxError):
            # Drawing it will fail with the real reason; a web process still starts.
            logger.exception("Template %s did not compile at start-up", name)
    return compiled
