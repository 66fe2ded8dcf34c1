from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns
from tests.benchmarks.views import bare_insert

urlpatterns = [path("bench/bare-insert/", bare_insert), *portal_urlpatterns]
