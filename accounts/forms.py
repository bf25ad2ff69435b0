from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="De zescijferige code uit uw authenticator-app, of een herstelcode.",
        error_messages={"required": "Vul de code in."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
                "class": "utrecht-textbox utrecht-textbox--html-input",
            }
        ),
    )
