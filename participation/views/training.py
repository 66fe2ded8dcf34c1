"""Training pages. Thin: permissions from `participation.permissions`, objects and reads from
selectors, each write one service through the base views (`participation.views.base`)."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from participation import services
from participation.forms.base import run_service
from participation.forms.training import LessonForm, QuestionForm, QuizForm, TrainingModuleForm
from participation.models import TrainingCompletion, TrainingModule, User
from participation.selectors import training as selectors
from participation.views.base import (
    CachedPageMixin,
    ObjectPageMixin,
    PermissionPageMixin,
    ServiceActionView,
    ServiceFormView,
)


class TrainingListView(CachedPageMixin, PermissionPageMixin, View):
    permission_required = "participation.view_training"

    def get(self, request):
        return render(
            request,
            "participation/training/list.html",
            {"modules": selectors.modules_for(user=request.user)},
        )


class _PersonTrainingView(CachedPageMixin, ObjectPageMixin, View):
    permission_required = "participation.view_person_training"
    template_name = "participation/training/person.html"

    def get(self, request, **kwargs):
        person = self.object
        return render(
            request,
            self.template_name,
            {
                "person": person,
                "is_me": person.pk == request.user.pk,
                "completions": selectors.completions_for(person=person),
                "in_progress": selectors.progress_for(person=person),
                "involvement": selectors.involvement_for(person=person),
            },
        )


class MyTrainingView(_PersonTrainingView):
    permission_required = ("participation.view_training", "participation.view_person_training")

    def get_object(self):
        return self.request.user


class PersonTrainingView(_PersonTrainingView):
    def get_object(self):
        return get_object_or_404(User, pk=self.kwargs["pk"])


class _ModuleMixin:
    """The page's object is the module named in the URL; the page's context names it."""

    def get_object(self):
        return get_object_or_404(TrainingModule, slug=self.kwargs["slug"])

    def get_context_data(self, **context) -> dict:
        return {"module": self.object, **context}

    def module_url(self, *_):
        return reverse("training_detail", args=[self.object.slug])


class ModuleDetailView(CachedPageMixin, _ModuleMixin, ObjectPageMixin, View):
    permission_required = "participation.view_module"

    def get(self, request, slug):
        module = self.object
        context = {
            "module": module,
            "unlocks": selectors.unlock_labels(module=module),
            "progress": selectors.module_progress(user=request.user, module=module),
        }
        if request.user.has_perm("participation.manage_training", module):
            context["questions"] = selectors.questions_for_editing(module=module)
        return render(request, "participation/training/module.html", context)


class LessonView(_ModuleMixin, ServiceActionView):
    """Reading a lesson; the button at the end saves that it was read and goes on."""

    permission_required = "participation.do_e_learning"
    http_method_names = ["get", "post"]

    def get(self, request, slug, number):
        module = self.object
        lesson = selectors.lesson_of(module=module, number=number)
        progress = selectors.module_progress(user=request.user, module=module)
        position = progress.lessons.index(lesson)
        return render(
            request,
            "participation/training/lesson.html",
            {
                "module": module,
                "lesson": lesson,
                "progress": progress,
                "position": position + 1,
                "previous": progress.lessons[position - 1] if position else None,
                "next": progress.lessons[position + 1]
                if position + 1 < len(progress.lessons)
                else None,
            },
        )

    def perform(self):
        lesson = selectors.lesson_of(module=self.object, number=self.kwargs["number"])
        services.lesson_complete(user=self.request.user, lesson=lesson)
        return selectors.after_lesson(lesson=lesson)

    def get_success_message(self, step) -> str:
        return step.message if step else ""

    def get_success_url(self, step) -> str:
        return step.url if step else self.module_url()


class QuizView(_ModuleMixin, ServiceFormView):
    """A failed try shows the quiz again with the lessons to look at; a pass goes to the
    certificate."""

    permission_required = "participation.do_e_learning"
    template_name = "participation/training/quiz.html"

    def get_form(self, data=None, files=None):
        return QuizForm(data, questions=selectors.quiz_questions(module=self.object))

    def perform(self, form):
        return services.quiz_submit(
            user=self.request.user, module=self.object, answers=form.answers()
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        result = run_service(form, lambda: self.perform(form)) if form.is_valid() else None
        if result is None:
            return self.render_form(form, status=400)
        if not result.completion:
            return render(
                request, self.template_name, self.get_context_data(form=form, result=result)
            )
        messages.success(
            request,
            f"Well done! You passed with {result.attempt.correct} out of "
            f"{result.attempt.total}. You have finished {self.object.title}.",
        )
        return HttpResponseRedirect(reverse("training_certificate", args=[result.completion.pk]))


class CertificateView(ObjectPageMixin, View):
    permission_required = "participation.view_certificate"

    def get_object(self):
        return get_object_or_404(
            TrainingCompletion.objects.select_related("user", "module", "signed_off_by"),
            pk=self.kwargs["pk"],
        )

    def get(self, request, pk):
        completion = self.object
        return render(
            request,
            "participation/training/certificate.html",
            {
                "completion": completion,
                "unlocks": selectors.unlock_labels(module=completion.module),
            },
        )


# --- Writing modules (workers) --------------------------------------------------------------


class ModuleCreateView(ServiceFormView):
    permission_required = "participation.manage_training"
    template_name = "participation/training/module_form.html"
    form_class = TrainingModuleForm

    def perform(self, form):
        return services.training_module_create(created_by=self.request.user, **form.cleaned_data)

    def get_success_message(self, module) -> str:
        return f"{module.title} is saved. Now add its lessons."

    def get_success_url(self, module) -> str:
        return reverse("training_detail", args=[module.slug])


class ModuleEditView(_ModuleMixin, ServiceFormView):
    permission_required = "participation.manage_training"
    template_name = "participation/training/module_form.html"
    form_class = TrainingModuleForm
    success_message = "Your changes are saved."
    get_success_url = _ModuleMixin.module_url

    def get_form(self, data=None, files=None):
        if data is None:
            return TrainingModuleForm(initial=TrainingModuleForm.initial_from(self.object))
        return TrainingModuleForm(data)

    def perform(self, form):
        return services.training_module_update(
            module=self.object, updated_by=self.request.user, **form.cleaned_data
        )


class LessonCreateView(_ModuleMixin, ServiceFormView):
    permission_required = "participation.manage_training"
    template_name = "participation/training/lesson_form.html"
    form_class = LessonForm
    get_success_url = _ModuleMixin.module_url

    def perform(self, form):
        return services.lesson_create(
            module=self.object, edited_by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, lesson) -> str:
        return f"Lesson {lesson.number} is saved."


class LessonEditView(_ModuleMixin, ServiceFormView):
    permission_required = "participation.manage_training"
    template_name = "participation/training/lesson_form.html"
    get_success_url = _ModuleMixin.module_url

    def get_object(self):
        module = super().get_object()
        self.lesson = selectors.lesson_of(module=module, number=self.kwargs["number"])
        return module

    def get_form(self, data=None, files=None):
        if data is None:
            return LessonForm(initial={"title": self.lesson.title, "body": self.lesson.body})
        return LessonForm(data)

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(lesson=self.lesson, **context)

    def perform(self, form):
        return services.lesson_update(
            lesson=self.lesson, edited_by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, lesson) -> str:
        return f"Lesson {lesson.number} is saved."


class QuestionCreateView(_ModuleMixin, ServiceFormView):
    permission_required = "participation.manage_training"
    template_name = "participation/training/question_form.html"
    get_success_url = _ModuleMixin.module_url

    def get_form(self, data=None, files=None):
        return QuestionForm(data, module=self.object)

    def perform(self, form):
        return services.question_create(
            module=self.object,
            edited_by=self.request.user,
            text=form.cleaned_data["text"],
            choices=form.choices(),
            lesson=form.cleaned_data["lesson"],
        )

    def get_success_message(self, question) -> str:
        return f"Question {question.number} is saved."


class QuestionEditView(_ModuleMixin, ServiceFormView):
    permission_required = "participation.manage_training"
    template_name = "participation/training/question_form.html"
    get_success_url = _ModuleMixin.module_url

    def get_object(self):
        module = super().get_object()
        self.question = selectors.question_of(module=module, number=self.kwargs["number"])
        return module

    def get_form(self, data=None, files=None):
        if data is None:
            initial = QuestionForm.initial_from(self.question)
            return QuestionForm(initial=initial, module=self.object)
        return QuestionForm(data, module=self.object)

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(question=self.question, **context)

    def perform(self, form):
        return services.question_update(
            question=self.question,
            edited_by=self.request.user,
            text=form.cleaned_data["text"],
            choices=form.choices(),
            lesson=form.cleaned_data["lesson"],
        )

    def get_success_message(self, question) -> str:
        return f"Question {question.number} is saved."
