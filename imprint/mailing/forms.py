from __future__ import annotations

from django import forms

from .addresses import normalise
from .models import EMAIL_MAX_LENGTH, Frequency
from .selectors import Offer


class SignupForm(forms.Form):
    email = forms.CharField(
        label="Email address",
        max_length=EMAIL_MAX_LENGTH * 2,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Enter your email address."},
    )
    lists = forms.MultipleChoiceField(
        label="Lists", required=False, widget=forms.CheckboxSelectMultiple
    )
    frequency = forms.ChoiceField(choices=Frequency, initial=Frequency.IMMEDIATELY, required=False)
    # Hidden from people by the stylesheet and from assistive technology; bots fill it in.
    website = forms.CharField(required=False, label="Leave this field empty")

    def __init__(self, *args, offers: list[Offer], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lists"].choices = [(o.key, o.label) for o in offers]
        self.offers = offers

    def clean_email(self) -> str:
        return normalise(self.cleaned_data["email"])

    def clean_lists(self) -> list[str]:
        return self.cleaned_data["lists"] or ["all"]

    def clean_frequency(self) -> str:
        return self.cleaned_data["frequency"] or Frequency.IMMEDIATELY

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
