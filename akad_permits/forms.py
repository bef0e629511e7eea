import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.codes import normalise_code
from portal.forms import BoundedTextMixin, OfficeChoiceMixin, PrivateFileInput
from portal.models import Office

from .models import (
    ATTACHMENT_FIELDS,
    RECOMMENDATION_LETTER_FIELDS,
    VERIFICATION_CODE_GROUPS,
    PermitApplication,
    PermitPosition,
    Recommendation,
    Status,
)

DATE_WIDGET = {"type": "date"}


def date_input():
    return forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")


# --- the applicant's form -----------------------------------------------------------------


class ApplicationForm(OfficeChoiceMixin, BoundedTextMixin, forms.ModelForm):
    """The application. A draft may be incomplete; submitting requires everything.

    ``submitting`` turns every field into a required one (a file already stored counts), and,
    after a return, requires a new upload of each attachment the Sekretariat asked to correct.
    A new application chooses the office that will issue the permit (portal.forms).
    """

    office_service = "offers_akad"
    office_help_text = _("The labour office that processes the application and issues the permit.")

    class Meta:
        model = PermitApplication
        fields = [
            "recruiter_name",
            "user_company",
            "destination_province",
            "destination_city",
            "recruitment_start",
            "recruitment_end",
            "recommendation",
            "recommendation_number",
            "recommendation_date",
            "recommendation_issuer",
            "assignment_number",
            "assignment_date",
            "assignment_person",
            *ATTACHMENT_FIELDS,
        ]
        widgets = {
            "recruitment_start": date_input(),
            "recruitment_end": date_input(),
            "recommendation_date": date_input(),
            "assignment_date": date_input(),
        }

    def __init__(self, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        for name in ATTACHMENT_FIELDS:
            field = self.fields[name]
            # The saved file is named and linked through the checked download view.
            field.widget = PrivateFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})
            field.help_text = _("PDF, JPG or PNG, at most 5 MB.")
            if self.instance.pk and getattr(self.instance, name):
                field.help_text = _("Choose a new file only to replace it.")
        self.to_correct = (
            dict(self.instance.returned_items) if self.instance.status == Status.RETURNED else {}
        )
        for name in self.to_correct:
            self.fields[name].help_text = _(
                "The Sekretariat asked for a corrected file: upload it again."
            )
        # The recommendations issued in the portal to this employer (issue 15 item 6).
        recommendation = self.fields["recommendation"]
        recommendation.queryset = (
            Recommendation.objects.issued()
            .filter(employer_id=self.instance.employer_id)
            .select_related("office")
            .order_by("-issued_on", "-pk")
        )
        recommendation.label_from_instance = lambda r: (
            _("%(number)s, %(office)s")
            % {
                "number": r.number,
                "office": r.office,
            }
        )
        recommendation.empty_label = _("None: I upload the letter of an office not on the portal")
        recommendation.help_text = _(
            "When the office of the destination region issued your recommendation in the "
            "portal, choose it: its number, date and letter are then not needed below."
        )
        from_portal = (
            bool(self.data.get(self.add_prefix("recommendation")))
            if self.is_bound
            else (self.instance.recommendation_id is not None)
        )
        if submitting:
            # A file already stored satisfies a required FileField (and its input then
            # carries no HTML "required"); the ones to correct are checked in clean().
            for name, field in self.fields.items():
                field.required = name != "recommendation" and not (
                    from_portal and name in RECOMMENDATION_LETTER_FIELDS
                )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("recruitment_start"), cleaned.get("recruitment_end")
        if start and end and end < start:
            self.add_error(
                "recruitment_end", _("The recruitment period cannot end before it starts.")
            )
        if self.submitting:
            for name, old_name in self.to_correct.items():
                replaced = name in self.errors or name in self.files
                if not replaced and getattr(self.instance, name).name == old_name:
                    self.add_error(name, _("Upload the corrected file."))
        return cleaned


class PositionForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = PermitPosition
        fields = ["title", "male_count", "female_count"]
        widgets = {
            "male_count": forms.NumberInput(attrs={"min": 0}),
            "female_count": forms.NumberInput(attrs={"min": 0}),
        }

    def clean(self):
        cleaned = super().clean()
        male, female = cleaned.get("male_count"), cleaned.get("female_count")
        if male is not None and female is not None and male + female == 0:
            self.add_error(
                "male_count", _("Enter the number of workers: at least one, male or female.")
            )
        return cleaned


class BasePositionFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, submitting=False, **kwargs):
        self.submitting = submitting
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.submitting or any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (form.has_changed() or form.instance.pk)
        ]
        if not kept:
            raise forms.ValidationError(_("Add at least one position with its number of workers."))

    def positions_data(self):
        """The rows to keep, change or delete, as services.save_application takes them.

        As ``save()`` would: an empty new row is skipped, an unchanged one is left alone.
        """
        rows = []
        for form in self.forms:
            if not form.cleaned_data:
                continue
            position = form.cleaned_data.get("id")
            delete = self._should_delete_form(form)
            if position is None and (delete or not form.has_changed()):
                continue
            if position is not None and not delete and not form.has_changed():
                continue
            rows.append(
                {
                    "id": position.pk if position else None,
                    "delete": delete,
                    **{name: form.cleaned_data.get(name) for name in PositionForm.Meta.fields},
                }
            )
        return rows


PositionFormSet = forms.inlineformset_factory(
    PermitApplication,
    PermitPosition,
    form=PositionForm,
    formset=BasePositionFormSet,
    extra=2,
    can_delete=True,
)


# --- the officers' step forms (admin) ---------------------------------------------------


class StepForm(BoundedTextMixin, forms.Form):
    """A short form for one step; ``service_kwargs`` turns it into the service's arguments."""

    def __init__(self, *args, application, **kwargs):
        self.application = application
        super().__init__(*args, **kwargs)

    def service_kwargs(self):
        return dict(self.cleaned_data)


class RegisterForm(StepForm):
    # Step 2 of the document: the Sekretariat checks completeness before it registers; an
    # incomplete file is returned instead (ReturnForm).
    complete = forms.BooleanField(
        label=_("The four attachments are present, readable and match the application."),
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.application.recommendation_id:
            # the recommendation was issued in the portal: nothing uploaded to check for it
            self.fields["complete"].label = _(
                "The other three attachments are present, readable and match the application."
            )

    agenda_number = forms.CharField(label=_("Agenda number"), max_length=60)
    agenda_date = forms.DateField(
        label=_("Agenda date"), widget=date_input(), initial=timezone.localdate
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data.pop("complete")
        return data


class ReturnForm(StepForm):
    items = forms.MultipleChoiceField(
        label=_("Attachments that are missing or must be corrected"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("What the applicant must complete"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [
            (name, PermitApplication._meta.get_field(name).verbose_name)
            for name in ATTACHMENT_FIELDS
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("items") and not (cleaned.get("reason") or "").strip():
            raise forms.ValidationError(
                _("Say what is missing: tick an attachment or write a note.")
            )
        return cleaned


class DisposeForm(StepForm):
    instruction = forms.CharField(
        label=_("Instruction to the Bidang Penempatan dan Pelatihan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_("Please process the AKAD permit in accordance with the regulations."),
    )


class ConsultForm(StepForm):
    outcome = forms.CharField(
        label=_("Outcome of the consultation with the Kadis"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DraftForm(StepForm):
    valid_from = forms.DateField(
        label=_("Valid from"), widget=date_input(), initial=timezone.localdate
    )
    valid_until = forms.DateField(label=_("Valid until"), widget=date_input())
    coverage = forms.CharField(
        label=_("What the permit covers (workers and regions)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            'Printed after "Izin ini mencakup" as one paragraph; the table of positions is '
            "printed above it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        app = self.application
        self.fields["valid_until"].initial = app.recruitment_end
        # The permit's own words (an Indonesian letter whatever the screen's language): one
        # sentence that names the table of positions rather than repeating it.
        from .pdf import coverage_sentence

        positions = [
            {"male_count": p.male_count, "female_count": p.female_count}
            for p in app.positions.all()
        ]
        self.fields["coverage"].initial = coverage_sentence(
            positions, city=app.destination_city, province=app.destination_province
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The permit cannot end before it starts."))
        return cleaned


class SignForm(StepForm):
    confirm = forms.BooleanField(
        label=_("I have read the prepared permit and sign it."),
        required=True,
    )

    def service_kwargs(self):
        return {}


class RefuseForm(StepForm):
    reason = forms.CharField(
        label=_("Reasons for the refusal"), widget=forms.Textarea(attrs={"rows": 3})
    )


# --- the AKAD recruitment recommendation ---------------------------------------------------


class RecommendationRequestForm(BoundedTextMixin, forms.Form):
    """The employer's request to the office of the region the workers go to."""

    office = forms.ModelChoiceField(
        label=_("Office of the destination region (issues the recommendation)"),
        queryset=Office.objects.none(),
        help_text=_(
            "The labour office of the region where the workers will work. Not in the list? "
            "Ask that office for the letter and upload it with your permit application."
        ),
    )
    recruiting_office = forms.ModelChoiceField(
        label=_("Office of the recruitment region (issues the permit)"),
        queryset=Office.objects.none(),
    )
    user_company = forms.CharField(label=_("Company using the workers (pengguna)"), max_length=200)
    positions = forms.CharField(
        label=_("Positions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One position per line, e.g. Operator produksi."),
    )
    male_count = forms.IntegerField(label=_("Male workers"), min_value=0, initial=0)
    female_count = forms.IntegerField(label=_("Female workers"), min_value=0, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offices = Office.objects.filter(is_active=True, offers_akad=True).order_by("name")
        self.fields["office"].queryset = offices
        self.fields["recruiting_office"].queryset = offices

    def clean(self):
        cleaned = super().clean()
        office, recruiting = cleaned.get("office"), cleaned.get("recruiting_office")
        if office and recruiting and office == recruiting:
            self.add_error(
                "office",
                _(
                    "The recommendation comes from the office of the region the workers go to, not of the region where they are recruited."
                ),
            )
        male, female = cleaned.get("male_count"), cleaned.get("female_count")
        if male is not None and female is not None and male + female == 0:
            self.add_error(
                "male_count", _("Enter the number of workers: at least one, male or female.")
            )
        return cleaned


class RecommendationStepForm(BoundedTextMixin, forms.Form):
    def __init__(self, *args, recommendation, **kwargs):
        self.recommendation = recommendation
        super().__init__(*args, **kwargs)

    def service_kwargs(self):
        return dict(self.cleaned_data)


class IssueRecommendationForm(RecommendationStepForm):
    valid_until = forms.DateField(label=_("Valid until"), widget=date_input())
    confirm = forms.BooleanField(
        label=_("I have read the prepared recommendation and sign it."), required=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].initial = timezone.localdate() + datetime.timedelta(days=180)

    def service_kwargs(self):
        return {"valid_until": self.cleaned_data["valid_until"]}


class RefuseRecommendationForm(RecommendationStepForm):
    reason = forms.CharField(
        label=_("Reasons for the refusal"), widget=forms.Textarea(attrs={"rows": 3})
    )


class VerifyForm(BoundedTextMixin, forms.Form):
    """The public check's code, as typed: letters, digits and dashes, any letter case."""

    code = forms.CharField(max_length=40)

    def clean_code(self):
        # any letter case, with or without dashes or spaces (portal.codes.normalise_code)
        code = normalise_code(self.cleaned_data["code"], VERIFICATION_CODE_GROUPS)
        if not code:
            raise forms.ValidationError(_("A verification code has letters, digits and dashes."))
        return code
