import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# What is loaded by now (settings, models, URL patterns with every view and form, the compiled
# templates: about 100,000 objects) lives as long as the process. Leaving it out of the garbage
# collector's full scans keeps them short: one took 60-100 ms here with it and 13 ms without,
# and every request waiting on that worker meanwhile lands in the slowest hundredth (issue 24's
# p99). Django loads URL patterns and templates at first use, so they are loaded first.
from participation.warmup import load_everything  # noqa: E402 (needs the apps loaded)

load_everything()
gc.collect()
gc.freeze()
