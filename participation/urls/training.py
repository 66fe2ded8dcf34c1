from django.urls import path

from participation.views import training as views

urlpatterns = [
    path("", views.TrainingListView.as_view(), name="training_list"),
    path("mine/", views.MyTrainingView.as_view(), name="training_mine"),
    path("people/<int:pk>/", views.PersonTrainingView.as_view(), name="training_person"),
    path("new/", views.ModuleCreateView.as_view(), name="training_module_create"),
    path("certificates/<int:pk>/", views.CertificateView.as_view(), name="training_certificate"),
    path("<slug:slug>/", views.ModuleDetailView.as_view(), name="training_detail"),
    path("<slug:slug>/edit/", views.ModuleEditView.as_view(), name="training_module_edit"),
    path("<slug:slug>/quiz/", views.QuizView.as_view(), name="training_quiz"),
    path(
        "<slug:slug>/lessons/new/", views.LessonCreateView.as_view(), name="training_lesson_create"
    ),
    path("<slug:slug>/lessons/<int:number>/", views.LessonView.as_view(), name="training_lesson"),
    path(
        "<slug:slug>/lessons/<int:number>/edit/",
        views.LessonEditView.as_view(),
        name="training_lesson_edit",
    ),
    path(
        "<slug:slug>/questions/new/",
        views.QuestionCreateView.as_view(),
        name="training_question_create",
    ),
    path(
        "<slug:slug>/questions/<int:number>/edit/",
        views.QuestionEditView.as_view(),
        name="training_question_edit",
    ),
]
