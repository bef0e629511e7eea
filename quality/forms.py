import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import BoundedTextMixin

from . import skm
from .stats import current_month


class MonthForm(BoundedTextMixin, forms.Form):
    bulan = forms.CharField(
        label=_("Month"),
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
        help_text=_("The figures of this month, and of the twelve months up to it."),
    )

    def clean_bulan(self):
        value = (self.cleaned_data.get("bulan") or "").strip()
        if not value:
            return current_month()
        try:
            month = datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("Choose a month, for example 2026-11.")) from None
        if month > current_month():
            raise forms.ValidationError(_("Choose this month or an earlier one."))
        if month.year < 2000:
            raise forms.ValidationError(_("Choose a month from 2000 on."))
        return month


ALL_OFFICES = "semua"


class ReportForm(MonthForm):
    """The labour-market report's month, and its office (or all of them, summed)."""

    kantor = forms.ChoiceField(label=_("Office"), required=False)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulan"].help_text = _("For example 2026-11.")
        choices = [(str(o.pk), o.name) for o in offices]
        if len(offices) > 1:
            choices.insert(0, (ALL_OFFICES, _("All offices (sum)")))
        self.fields["kantor"].choices = choices


class SurveyForm(BoundedTextMixin, forms.Form):
    """The nine SKM elements, each with the regulation's four answers, and a comment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for element in skm.ELEMENTS:
            self.fields[element.field] = forms.TypedChoiceField(
                label=f"{element.code}. {element.name}",
                help_text=element.question,
                choices=[
                    (str(v), f"{v}. {a}") for v, a in zip(skm.SCALE, element.answers, strict=True)
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one of the four answers.")},
            )
        self.fields["comment"] = forms.CharField(
            label=_("Comment or suggestion (optional)"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
