from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("forums/", include("forums.urls")),
    path("elections/", include("forums.elections.urls")),
    path("you-said/", include("participation.voice.urls")),
    path("news/", include("participation.content.urls")),
    path("mentoring/", include("participation.mentoring.urls")),
    path("charter/", include("charter.urls")),
    path("grants/", include("grants.urls")),
    path("commissioning/", include("commissioning.urls")),
    path("", include("participation.urls")),
]
