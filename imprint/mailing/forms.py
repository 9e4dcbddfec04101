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
    # Keys of offered lists; one no longer offered (a stale page's form) is left out quietly.
    lists = forms.MultipleChoiceField(label="Lists", required=False)
    frequency = forms.ChoiceField(choices=Frequency, initial=Frequency.IMMEDIATELY, required=False)
    # Hidden from people by the stylesheet and from assistive technology; bots fill it in.
    website = forms.CharField(required=False, label="Leave this field empty")

    def __init__(self, *args, offers: list[Offer], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.offers = offers
        self.fields["lists"].valid_value = lambda value: True  # filtered in clean_lists

    def clean_email(self) -> str:
        return normalise(self.cleaned_data["email"])

    def clean_lists(self) -> list[str]:
        offered = {offer.key for offer in self.offers}
        return [key for key in self.cleaned_data["lists"] if key in offered] or ["all"]

    def clean_frequency(self) -> str:
        return self.cleaned_data["frequency"] or Frequency.IMMEDIATELY

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
