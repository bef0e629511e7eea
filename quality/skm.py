"""The Survei Kepuasan Masyarakat of Permenpan RB No. 14 Tahun 2017, as the regulation sets it.

Nine elements (unsur), each answered on a 1-4 scale with the wording of the regulation's model
questionnaire. The index (IKM) is computed as the regulation's annex does:

    NRR per element          = sum of the answers / number of respondents
    NRR weighted             = NRR x 1/9 (every element weighs the same)
    IKM of the unit          = sum of the nine weighted NRR            (1.00 - 4.00)
    IKM converted            = IKM x 25                                (25.00 - 100.00)

and graded A (88.31-100.00, Sangat Baik), B (76.61-88.30, Baik), C (65.00-76.60, Kurang Baik),
D (25.00-64.99, Tidak Baik). The regulation rounds the weight to 0.111; an exact 1/9 is used
here so that all-4 answers give exactly 100.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Element:
    code: str  # U1 ... U9, the regulation's numbering
    field: str
    name: str
    question: str
    answers: tuple  # the wording of answers 1, 2, 3, 4


ELEMENTS = (
    Element(
        "U1",
        "u1_requirements",
        _("Requirements"),
        _("How well do the service's requirements fit the kind of service?"),
        (_("Not appropriate"), _("Less appropriate"), _("Appropriate"), _("Very appropriate")),
    ),
    Element(
        "U2",
        "u2_procedure",
        _("System, mechanism and procedure"),
        _("How easy was the service procedure of this unit?"),
        (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy")),
    ),
    Element(
        "U3",
        "u3_time",
        _("Completion time"),
        _("How fast was the service given?"),
        (_("Not fast"), _("Less fast"), _("Fast"), _("Very fast")),
    ),
    Element(
        "U4",
        "u4_fee",
        _("Fee/tariff"),
        _("How reasonable was the fee/tariff of the service?"),
        (_("Very expensive"), _("Rather expensive"), _("Cheap"), _("Free of charge")),
    ),
    Element(
        "U5",
        "u5_product",
        _("Product specification of the type of service"),
        _("How well does the product you received fit what the service standard promises?"),
        (_("Not appropriate"), _("Less appropriate"), _("Appropriate"), _("Very appropriate")),
    ),
    Element(
        "U6",
        "u6_competence",
        _("Competence of the staff"),
        _("How competent were the staff who served you?"),
        (_("Not competent"), _("Less competent"), _("Competent"), _("Very competent")),
    ),
    Element(
        "U7",
        "u7_behaviour",
        _("Behaviour of the staff"),
        _("How polite and friendly were the staff who served you?"),
        (
            _("Not polite and friendly"),
            _("Less polite and friendly"),
            _("Polite and friendly"),
            _("Very polite and friendly"),
        ),
    ),
    Element(
        "U8",
        "u8_complaints",
        _("Handling of complaints, suggestions and input"),
        _("How are the users' complaints handled?"),
        (
            _("There is none"),
            _("There is, but it does not work"),
            _("It works, but not fully"),
            _("Well managed"),
        ),
    ),
    Element(
        "U9",
        "u9_facilities",
        _("Facilities and infrastructure"),
        _("How good are the facilities and infrastructure?"),
        (_("Poor"), _("Fair"), _("Good"), _("Very good")),
    ),
)
FIELDS = tuple(e.field for e in ELEMENTS)
SCALE = (1, 2, 3, 4)
WEIGHT = Decimal(1) / Decimal(len(ELEMENTS))
CONVERSION = 25

# (lowest converted IKM, grade, performance), highest first: the regulation's table.
GRADES = (
    (Decimal("88.31"), "A", _("Very good")),
    (Decimal("76.61"), "B", _("Good")),
    (Decimal("65.00"), "C", _("Less good")),
    (Decimal("25.00"), "D", _("Not good")),
)


def _two(value):
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ikm(element_averages):
    """The converted IKM (25-100, two decimals) from the nine elements' averages (NRR).

    ``element_averages`` is a sequence of nine numbers, or a mapping field -> average; None
    when there are no answers.
    """
    if isinstance(element_averages, dict):
        element_averages = [element_averages.get(f) for f in FIELDS]
    values = list(element_averages)
    if len(values) != len(ELEMENTS) or any(v is None for v in values):
        return None
    unit = sum((Decimal(str(v)) * WEIGHT for v in values), Decimal(0))
    return _two(unit * CONVERSION)


def grade(converted):
    """(letter, performance) for a converted IKM, or (None, None)."""
    if converted is None:
        return None, None
    value = _two(converted)
    for lowest, letter, label in GRADES:
        if value >= lowest:
            return letter, label
    return "D", GRADES[-1][2]
