from django import forms

from .models import Voorkeur


class VoorkeurForm(forms.Form):
    e_mail = forms.ChoiceField(
        label="Herinneringen per e-mail",
        choices=Voorkeur.EMail.choices,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Kies een van de mogelijkheden.",
            "required": "Kies een van de mogelijkheden.",
        },
    )
