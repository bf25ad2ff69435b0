"""Password validation with Dutch messages.

Django 5.2's Dutch translation has no text for the minimum-length error (its English source
changed in 5.x), so users saw "This password is too short…". The other validators' messages are
translated.
"""

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import get_language


class MinimaleLengteValidator(MinimumLengthValidator):
    def get_error_message(self):
        if (get_language() or "nl").startswith("nl"):
            return (
                "Dit wachtwoord is te kort. Het moet minstens %d teken bevatten."
                if self.min_length == 1
                else "Dit wachtwoord is te kort. Het moet minstens %d tekens bevatten."
            ) % self.min_length
        return super().get_error_message()
