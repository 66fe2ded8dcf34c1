from django import forms

from participation.forms.base import PlainErrorsMixin

from .models import AgeSuitability, Newsletter, ResourceKind


def _tags():
    return {
        "being_healthy": forms.BooleanField(label="Being Healthy", required=False),
        "being_connected": forms.BooleanField(label="Being Connected", required=False),
        "being_you": forms.BooleanField(label="Being You", required=False),
        "min_age": forms.TypedChoiceField(
            label="Who is it for?",
            choices=AgeSuitability.choices,
            coerce=int,
            initial=AgeSuitability.ALL,
        ),
    }


class ArticleForm(PlainErrorsMixin, forms.Form):
    newsletter = forms.ModelChoiceField(
        label="Which newsletter is it for?",
        queryset=Newsletter.objects.all(),
        empty_label=None,
    )
    title = forms.CharField(label="Title", max_length=200)
    summary = forms.CharField(
        label="Say what it is about in one or two sentences",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label="Your article",
        help_text="Write in plain words. For bold, put **two stars** round words. For a "
        "heading, start a line with ##. For a link, write [the words](https://the-address). "
        "Pictures and videos from other websites are shown as links.",
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=20000,
    )
    show_first_name = forms.BooleanField(
        label="Show my first name with it",
        required=False,
        help_text='If you leave this, it says "by a young person".',
    )
    on_hub = forms.BooleanField(
        label="Also put it in the Draw Your Own Solution hub", required=False
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_tags())
        if editing:
            del self.fields["newsletter"]


class SendBackForm(PlainErrorsMixin, forms.Form):
    reason = forms.CharField(
        label="What should they change?",
        help_text="Be kind and clear: they will read this.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class TakeDownForm(PlainErrorsMixin, forms.Form):
    reason = forms.CharField(
        label="Why is it taken down?",
        help_text="The writer is told this.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class IssueForm(PlainErrorsMixin, forms.Form):
    title = forms.CharField(label="Title of the issue", max_length=200)
    intro = forms.CharField(
        label="A few words from the editors", widget=forms.Textarea(attrs={"rows": 5})
    )
    articles = forms.ModelMultipleChoiceField(
        label="Articles", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    activities = forms.ModelMultipleChoiceField(
        label="Events coming up", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    you_said = forms.ModelMultipleChoiceField(
        label='"You said, we did" news',
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in choices.items():
            self.fields[name].queryset = queryset
        self.fields["activities"].label_from_instance = lambda a: (
            f"{a.title}, {a.starts_at:%-d %B %Y}"
        )


class ResourceForm(PlainErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=[(ResourceKind.VIDEO, "A video"), (ResourceKind.PLAYLIST, "A playlist")],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label="Title", max_length=200)
    summary = forms.CharField(
        label="What is it, in plain words?",
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    url = forms.URLField(
        label="Link",
        help_text="Starts with https://. We only show the link: nothing is played on our pages.",
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Write the whole link, for example https://www.youtube.com/..."},
    )
    minutes = forms.IntegerField(
        label="How long is it, in minutes?", min_value=1, max_value=600, initial=5
    )
    collection = forms.ModelChoiceField(
        label="Which part of the hub?", queryset=None, required=False, empty_label="None"
    )

    def __init__(self, *args, collections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = collections
        self.fields.update(_tags())
