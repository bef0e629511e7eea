import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import BoundedTextMixin, OfficeChoiceMixin
from portal.models import Office

from .letters import NATURES
from .models import Channel, Complaint

# "Gaji belum dibayar" is 18 characters: shorter than this says too little to act on.
MIN_TEXT_LENGTH = 15

COMPLAINANT_FIELDS = [
    "complainant_name",
    "complainant_institution",
    "complainant_address",
    "complainant_phone",
    "complainant_email",
]


def validate_phone(value):
    digits = re.sub(r"[\s\-()+.]", "", value or "")
    if not digits.isdigit() or not 8 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a telephone number of 8 to 15 digits, e.g. 0812 3456 7890."), code="phone"
        )


def channel_choices(channels, office=None):
    """The channels as ``office`` names them: its own phone number, address and radio show
    (without an office, by their plain names)."""
    office = office or Office(name="")
    labels = {
        Channel.COUNTER: _("Counter (in person)"),
        Channel.TELEPHONE: _("Telephone %(phone)s") % {"phone": office.phone}
        if office.phone
        else Channel.TELEPHONE.label,
        Channel.EMAIL: _("E-mail to %(address)s") % {"address": office.complaint_email}
        if office.complaint_email
        else Channel.EMAIL.label,
        Channel.RADIO: _("%(station)s, programme “%(programme)s”")
        % {"station": office.radio_station, "programme": office.radio_programme}
        if office.radio_programme
        else Channel.RADIO.label,
        Channel.WEB: Channel.WEB.label,
    }
    return [(channel.value, labels[channel]) for channel in channels]


class ComplaintDataForm(BoundedTextMixin, forms.ModelForm):
    """What every channel asks: who complains, how to reach them, and the complaint."""

    required_message = _("This field is required.")

    class Meta:
        model = Complaint
        fields = [*COMPLAINANT_FIELDS, "subject", "text"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "complainant_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "complainant_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "complainant_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complainant_phone"].validators.append(validate_phone)
        self.fields["text"].error_messages["required"] = _("Write the complaint.")

    def require(self, cleaned, *names):
        for name in names:
            value = cleaned.get(name)
            if isinstance(value, str):
                value = value.strip()
            if not value and name not in self.errors:
                self.add_error(name, ValidationError(self.required_message, code="required"))

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write the complaint."), code="required")
        if len(text) < MIN_TEXT_LENGTH:
            raise ValidationError(
                _(
                    "Describe the complaint in at least %(min)d characters: what happened, "
                    "and where or with which service, so that the office can follow it up."
                ),
                code="too_short",
                params={"min": MIN_TEXT_LENGTH},
            )
        return text

    def complaint_data(self):
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class PublicComplaintForm(OfficeChoiceMixin, ComplaintDataForm):
    """The portal's own channel: a person online writes the complaint with full identity, to
    the office of the page's address or the office they choose."""

    office_service = "offers_complaints"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("complainant_address", "complainant_phone"):
            self.fields[name].required = True
        self.fields["complainant_email"].help_text = _(
            "Optional. We send the reference and the answer to this address."
        )
        self.fields["complainant_institution"].help_text = _(
            "The company or organisation you speak for, if any."
        )


# What each channel must record beyond the name and the complaint. The standard: the officer
# asks name, institution, address and a telephone number that can be called; e-mail
# complaints are answered at their address; the radio's staff forward the report of a
# broadcast (and may not have the listener's number).
IN_PERSON = (Channel.COUNTER, Channel.TELEPHONE)
CHANNEL_REQUIRED = {
    "complainant_address": IN_PERSON,
    "complainant_phone": IN_PERSON,
    "complainant_email": (Channel.EMAIL,),
    "radio_forwarded_by": (Channel.RADIO,),
    "radio_broadcast_date": (Channel.RADIO,),
}
# What the intake form writes beside those fields' labels.
REQUIRED_NOTES = {
    IN_PERSON: _("required at the counter and by telephone"),
    (Channel.EMAIL,): _("required for e-mail"),
    (Channel.RADIO,): _("required for the radio"),
}


class IntakeForm(OfficeChoiceMixin, ComplaintDataForm):
    """The receiving officer's form for the counter, the telephone, the radio and e-mail,
    recorded in the book of the office the mail came to, or of one of the officer's offices."""

    office_service = "offers_complaints"
    office_label = _("Complaint book of")

    channel = forms.ChoiceField(label=_("channel"), widget=forms.RadioSelect)

    class Meta(ComplaintDataForm.Meta):
        fields = [
            "channel",
            *ComplaintDataForm.Meta.fields,
            "radio_forwarded_by",
            "radio_broadcast_date",
        ]
        widgets = {
            **ComplaintDataForm.Meta.widgets,
            "radio_broadcast_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = channel_choices(
            [Channel.COUNTER, Channel.TELEPHONE, Channel.RADIO, Channel.EMAIL],
            self.proposed_office(),
        )
        for name, channels in CHANNEL_REQUIRED.items():
            self.fields[name].required_for = REQUIRED_NOTES[channels]

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("channel")
        self.require(
            cleaned, *(name for name, channels in CHANNEL_REQUIRED.items() if channel in channels)
        )
        broadcast = cleaned.get("radio_broadcast_date")
        if broadcast and broadcast > timezone.localdate():
            self.add_error(
                "radio_broadcast_date",
                ValidationError(_("The broadcast date cannot be in the future."), code="future"),
            )
        if channel != Channel.RADIO:
            cleaned["radio_forwarded_by"] = ""
            cleaned["radio_broadcast_date"] = None
        return cleaned

    def complaint_data(self):
        data = super().complaint_data()
        data.pop("channel")
        return data


class StatusForm(BoundedTextMixin, forms.Form):
    reference = forms.CharField(
        label=_("Complaint reference"),
        max_length=30,
        help_text=_("As written in your confirmation, e.g. ADU-2026-K7M2QX."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    contact = forms.CharField(
        label=_("Telephone number or e-mail address"),
        max_length=254,
        help_text=_("The one you gave with the complaint."),
    )


class NoteForm(BoundedTextMixin, forms.Form):
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InstructionForm(BoundedTextMixin, forms.Form):
    instruction = forms.CharField(
        label=_("Instruction to the Kepala Seksi"), widget=forms.Textarea(attrs={"rows": 3})
    )


class FollowUpForm(BoundedTextMixin, forms.Form):
    follow_up = forms.CharField(
        label=_("Follow-up for the receiving officer"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(BoundedTextMixin, forms.Form):
    letter_number = forms.CharField(
        label=_("letter number"),
        max_length=100,
        required=False,
        help_text=_("Empty: the next number of the office's letter register."),
    )
    nature = forms.ChoiceField(
        label=_("nature of the letter (sifat)"),
        choices=[(n, n) for n in NATURES],
        initial="Biasa",
        required=False,
    )
    enclosures = forms.CharField(
        label=_("enclosures (lampiran)"),
        max_length=100,
        required=False,
        help_text=_("e.g. 1 (satu) berkas; empty: none."),
    )
    answer = forms.CharField(
        label=_("Written answer to the complainant"), widget=forms.Textarea(attrs={"rows": 6})
    )


class DismissForm(BoundedTextMixin, forms.Form):
    note = forms.CharField(
        label=_("Reason for dismissing"), widget=forms.Textarea(attrs={"rows": 2})
    )


class BookPeriodForm(BoundedTextMixin, forms.Form):
    start = forms.DateField(
        label=_("from date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("to date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    office = forms.ModelChoiceField(
        label=_("office"), queryset=Office.objects.none(), required=False, empty_label=None
    )

    def __init__(self, *args, offices=None, **kwargs):
        """``offices``: the offices whose book the officer reads; the choice is shown only
        to an officer of more than one."""
        super().__init__(*args, **kwargs)
        offices = (offices if offices is not None else Office.objects.none()).order_by("pk")
        self.fields["office"].queryset = offices
        listed = list(offices)  # one query: the default and whether to ask
        self.default_office = listed[0] if listed else None
        if len(listed) < 2:
            self.fields["office"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            self.add_error("end", _("The end of the period is before its start."))
        return cleaned
