from django import forms

from .models import VERPLICHT, Soort


class MailvoorkeurForm(forms.Form):
    """One checkbox per kind of notice the user's role can receive."""

    per_mail = forms.MultipleChoiceField(
        label="Ook per e-mail ontvangen",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, soorten: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["per_mail"].choices = [
            (s, Soort(s).label) for s in soorten if s not in VERPLICHT
        ]
