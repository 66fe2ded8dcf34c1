"""Forms for the apps' scoring pages: a sheet of scores, a conflict declaration, a moderated
score. The apps' views hand what these clean to the scoring services, which decide.

Field names carry the criterion's id (`score_12`, `comment_12`), the names the services use
for their errors, so a refusal lands beside its question. The ids carry the question's number
(`question-1-score_0`), so the error summary's links read sensibly and stay the same from one
round to the next.
"""

from django import forms

from participation.forms.base import PlainErrorsMixin

from .services import comment_field, score_field

NA = "na"
NA_WORDS = "n/a: this question doesn't apply"
SEND = "send"


def _value(choice: str) -> int | None:
    return None if choice == NA else int(choice)


def _choices(criterion, rubric) -> list[tuple[str, str]]:
    choices = []
    for value in rubric.scale:
        words = criterion.guidance_for(value)
        choices.append((str(value), f"{value}: {words}" if words else str(value)))
    if rubric.allow_na:
        choices.append((NA, NA_WORDS))
    return choices


class SheetForm(forms.Form):
    """One panellist's scores for one item: per criterion a choice of score (each with the
    rubric's words for it) and a comment. Everything is optional here, so a draft can be saved
    half done; `sheet_submit` says what is still missing."""

    def __init__(self, criteria, sheet=None, data=None, *, rubric=None, **kwargs):
        super().__init__(data=data, **kwargs)
        self.criteria = list(criteria)
        self.rubric = rubric or (self.criteria[0].rubric if self.criteria else None)
        given = {s.criterion_id: s for s in sheet.scores.all()} if sheet is not None else {}
        for c in self.criteria:
            score = given.get(c.pk)
            self.fields[score_field(c.pk)] = forms.ChoiceField(
                label=f"Your score for {c.title}",
                choices=_choices(c, self.rubric),
                widget=forms.RadioSelect(
                    attrs={"id": f"question-{c.number}-score", "class": "form-check-input"}
                ),
                required=False,
                initial=None
                if score is None
                else (NA if score.value is None else str(score.value)),
            )
            self.fields[comment_field(c.pk)] = forms.CharField(
                label=f"Why did you choose this score for {c.title}?",
                help_text="A few words are enough.",
                widget=forms.Textarea(attrs={"rows": 3, "id": f"question-{c.number}-comment"}),
                required=False,
                max_length=4000,
                initial="" if score is None else score.comment,
            )

    @property
    def wants_to_send(self) -> bool:
        """The "Send my scores" button was pressed (`action=send`), not "Save and come back
        later" (`action=save`)."""
        return self.is_bound and self.data.get("action") == SEND

    def clean(self):
        data = super().clean()
        for c in self.criteria:
            if data.get(comment_field(c.pk), "").strip() and not data.get(score_field(c.pk)):
                self.add_error(
                    score_field(c.pk),
                    f"Choose a score for {c.title} too, so your comment can be saved with it.",
                )
        return data

    def scores(self) -> dict[int, tuple[int | None, str]]:
        """{criterion id: (value or None for "n/a", comment)} for the questions answered."""
        chosen = {}
        for c in self.criteria:
            choice = self.cleaned_data.get(score_field(c.pk))
            if choice:
                chosen[c.pk] = (_value(choice), self.cleaned_data.get(comment_field(c.pk), ""))
        return chosen

    def questions(self):
        """(criterion, score field, comment field) in order, for the template."""
        return [(c, self[score_field(c.pk)], self[comment_field(c.pk)]) for c in self.criteria]

    def summary_errors(self):
        """(link id, question words, message) for the error summary: radio groups link to their
        first choice, since a group has no single box to go to."""
        rows = [("", "", str(e)) for e in self.non_field_errors()]
        for c, score, comment in self.questions():
            where = f"{c.number}. {c.title}"
            rows += [(f"{_id(score)}_0", where, str(e)) for e in score.errors]
            rows += [(_id(comment), where, str(e)) for e in comment.errors]
        return rows


def _id(bound_field) -> str:
    return bound_field.field.widget.attrs["id"]


class ConflictForm(PlainErrorsMixin, forms.Form):
    reason = forms.CharField(
        label="Why should someone else score this one?",
        help_text="For example: I know the person who applied. Only the participation worker "
        "reads this.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class ModerateForm(PlainErrorsMixin, forms.Form):
    """The score a panel agreed for one question, with why."""

    criterion = forms.TypedChoiceField(label="Which question", coerce=int)
    value = forms.ChoiceField(label="The score the panel agreed", widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Why the panel agreed this score",
        help_text="Providers and applicants may be told this, so write it for them.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )

    def __init__(self, criteria, *args, rubric=None, **kwargs):
        super().__init__(*args, **kwargs)
        criteria = list(criteria)
        rubric = rubric or (criteria[0].rubric if criteria else None)
        self.criteria = {c.pk: c for c in criteria}
        self.fields["criterion"].choices = [(c.pk, f"{c.number}. {c.title}") for c in criteria]
        values = [(str(v), str(v)) for v in (rubric.scale if rubric else ())]
        if rubric is not None and rubric.allow_na:
            values.append((NA, NA_WORDS))
        self.fields["value"].choices = values

    def service_kwargs(self) -> dict:
        """`criterion`, `value` and `reason` for `services.score_moderate`."""
        return {
            "criterion": self.criteria[self.cleaned_data["criterion"]],
            "value": _value(self.cleaned_data["value"]),
            "reason": self.cleaned_data["reason"],
        }
