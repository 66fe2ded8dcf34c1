from django.urls import path

from participation.views import activities as views

urlpatterns = [
    path("", views.ActivityListView.as_view(), name="activity_list"),
    path("new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("<int:pk>/edit/", views.ActivityEditView.as_view(), name="activity_edit"),
    path("<int:pk>/sign-up/", views.ActivitySignupView.as_view(), name="activity_signup"),
    path("<int:pk>/cancel/", views.ActivityCancelView.as_view(), name="activity_cancel"),
    path("<int:pk>/attendance/", views.AttendanceView.as_view(), name="activity_attendance"),
    path("<int:pk>/consent/<int:signup_pk>/", views.ConsentView.as_view(), name="activity_consent"),
    path("<int:pk>/ladder/", views.RungView.as_view(), name="activity_rung"),
]
