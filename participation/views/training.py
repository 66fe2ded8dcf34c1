"""Training pages. Thin: permissions from `participation.permissions`, reads from selectors,
writes through services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from participation import services
from participation.forms.training import LessonForm, QuestionForm, QuizForm, TrainingModuleForm
from participation.models import Lesson, QuizQuestion, TrainingCompletion, TrainingModule, User
from participation.selectors import training as selectors
from participation.views import ObjectPermissionMixin, StaffPageMixin, add_service_errors


class TrainingListView(StaffPageMixin, View):
    permission_required = "participation.view_training"

    def get(self, request):
        return render(
            request,
            "participation/training/list.html",
            {"modules": selectors.modules_for(user=request.user)},
        )


class _PersonTrainingView(ObjectPermissionMixin, View):
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

    def get_permission_object(self):
        return self.request.user


class PersonTrainingView(_PersonTrainingView):
    def get_permission_object(self):
        return get_object_or_404(User, pk=self.kwargs["pk"])


class _ModuleView(ObjectPermissionMixin, View):
    def get_permission_object(self):
        return get_object_or_404(TrainingModule, slug=self.kwargs["slug"])


class ModuleDetailView(_ModuleView):
    permission_required = "participation.view_module"

    def get(self, request, slug):
        module = self.object
        context = {
            "module": module,
            "unlocks": [u.get_unlock_display() for u in module.unlocks.all()],
            "progress": selectors.module_progress(user=request.user, module=module),
        }
        if request.user.has_perm("participation.manage_training"):
            context["questions"] = list(
                module.questions.select_related("lesson").prefetch_related("choices")
            )
        return render(request, "participation/training/module.html", context)


class LessonView(_ModuleView):
    permission_required = "participation.do_e_learning"

    def _lesson(self):
        return get_object_or_404(Lesson, module=self.object, number=self.kwargs["number"])

    def get(self, request, slug, number):
        module, lesson = self.object, self._lesson()
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

    def post(self, request, slug, number):
        module, lesson = self.object, self._lesson()
        services.lesson_complete(user=request.user, lesson=lesson)
        following = module.lessons.filter(number__gt=lesson.number).first()
        if following:
            return redirect("training_lesson", slug=module.slug, number=following.number)
        if module.questions.exists():
            messages.success(request, "You have read every lesson. Now try the quiz.")
            return redirect("training_quiz", slug=module.slug)
        messages.success(request, "You have read every lesson.")
        return redirect("training_detail", slug=module.slug)


class QuizView(_ModuleView):
    permission_required = "participation.do_e_learning"
    template_name = "participation/training/quiz.html"

    def _render(self, request, form, result=None, status=200):
        return render(
            request,
            self.template_name,
            {"module": self.object, "form": form, "result": result},
            status=status,
        )

    def get(self, request, slug):
        questions = selectors.quiz_questions(module=self.object)
        return self._render(request, QuizForm(questions=questions))

    def post(self, request, slug):
        module = self.object
        form = QuizForm(request.POST, questions=selectors.quiz_questions(module=module))
        if not form.is_valid():
            return self._render(request, form, status=400)
        try:
            result = services.quiz_submit(user=request.user, module=module, answers=form.answers())
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(request, form, status=400)
        if result.completion:
            messages.success(
                request,
                f"Well done! You passed with {result.attempt.correct} out of "
                f"{result.attempt.total}. You have finished {module.title}.",
            )
            return redirect("training_certificate", pk=result.completion.pk)
        return self._render(request, form, result=result)


class CertificateView(ObjectPermissionMixin, View):
    permission_required = "participation.view_certificate"

    def get_permission_object(self):
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
                "unlocks": [u.get_unlock_display() for u in completion.module.unlocks.all()],
            },
        )


# --- Writing modules (workers) --------------------------------------------------------------


class ModuleCreateView(StaffPageMixin, View):
    permission_required = "participation.manage_training"
    template_name = "participation/training/module_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": TrainingModuleForm()})

    def post(self, request):
        form = TrainingModuleForm(request.POST)
        if form.is_valid():
            try:
                module = services.training_module_create(
                    created_by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{module.title} is saved. Now add its lessons.")
                return redirect("training_detail", slug=module.slug)
        return render(request, self.template_name, {"form": form}, status=400)


class ModuleEditView(_ModuleView):
    permission_required = "participation.manage_training"
    template_name = "participation/training/module_form.html"

    def get(self, request, slug):
        form = TrainingModuleForm(initial=TrainingModuleForm.initial_from(self.object))
        return render(request, self.template_name, {"form": form, "module": self.object})

    def post(self, request, slug):
        module = self.object
        form = TrainingModuleForm(request.POST)
        if form.is_valid():
            try:
                services.training_module_update(
                    module=module, updated_by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Your changes are saved.")
                return redirect("training_detail", slug=module.slug)
        return render(request, self.template_name, {"form": form, "module": module}, status=400)


class LessonCreateView(_ModuleView):
    permission_required = "participation.manage_training"
    template_name = "participation/training/lesson_form.html"

    def get(self, request, slug):
        return render(request, self.template_name, {"form": LessonForm(), "module": self.object})

    def post(self, request, slug):
        form = LessonForm(request.POST)
        if form.is_valid():
            try:
                lesson = services.lesson_create(
                    module=self.object, edited_by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Lesson {lesson.number} is saved.")
                return redirect("training_detail", slug=self.object.slug)
        return render(
            request, self.template_name, {"form": form, "module": self.object}, status=400
        )


class LessonEditView(_ModuleView):
    permission_required = "participation.manage_training"
    template_name = "participation/training/lesson_form.html"

    def _lesson(self):
        return get_object_or_404(Lesson, module=self.object, number=self.kwargs["number"])

    def get(self, request, slug, number):
        lesson = self._lesson()
        form = LessonForm(initial={"title": lesson.title, "body": lesson.body})
        return render(
            request, self.template_name, {"form": form, "module": self.object, "lesson": lesson}
        )

    def post(self, request, slug, number):
        lesson = self._lesson()
        form = LessonForm(request.POST)
        if form.is_valid():
            try:
                services.lesson_update(lesson=lesson, edited_by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Lesson {lesson.number} is saved.")
                return redirect("training_detail", slug=self.object.slug)
        return render(
            request,
            self.template_name,
            {"form": form, "module": self.object, "lesson": lesson},
            status=400,
        )


class QuestionCreateView(_ModuleView):
    permission_required = "participation.manage_training"
    template_name = "participation/training/question_form.html"

    def get(self, request, slug):
        form = QuestionForm(module=self.object)
        return render(request, self.template_name, {"form": form, "module": self.object})

    def post(self, request, slug):
        form = QuestionForm(request.POST, module=self.object)
        if form.is_valid():
            try:
                question = services.question_create(
                    module=self.object,
                    edited_by=request.user,
                    text=form.cleaned_data["text"],
                    choices=form.choices(),
                    lesson=form.cleaned_data["lesson"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Question {question.number} is saved.")
                return redirect("training_detail", slug=self.object.slug)
        return render(
            request, self.template_name, {"form": form, "module": self.object}, status=400
        )


class QuestionEditView(_ModuleView):
    permission_required = "participation.manage_training"
    template_name = "participation/training/question_form.html"

    def _question(self):
        return get_object_or_404(QuizQuestion, module=self.object, number=self.kwargs["number"])

    def get(self, request, slug, number):
        question = self._question()
        form = QuestionForm(initial=QuestionForm.initial_from(question), module=self.object)
        context = {"form": form, "module": self.object, "question": question}
        return render(request, self.template_name, context)

    def post(self, request, slug, number):
        question = self._question()
        form = QuestionForm(request.POST, module=self.object)
        if form.is_valid():
            try:
                services.question_update(
                    question=question,
                    edited_by=request.user,
                    text=form.cleaned_data["text"],
                    choices=form.choices(),
                    lesson=form.cleaned_data["lesson"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Question {question.number} is saved.")
                return redirect("training_detail", slug=self.object.slug)
        context = {"form": form, "module": self.object, "question": question}
        return render(request, self.template_name, context, status=400)
