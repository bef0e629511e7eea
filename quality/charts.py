"""Bar charts drawn on the server as SVG: geometry here, markup in quality/_chart.html.

Horizontal bars, one row of bars per category (a month, a step, a service), so twelve months
fit a 360 px phone without scrolling: the SVG scales to the width of the page (viewBox,
width 100%), and its text is sized in the drawing's units so it renders at 12 px or more when
the drawing is as narrow as a phone's column (FONT / WIDTH x ~330 px). On a wide screen the
figure is capped (quality.css) so the text does not grow past a reading size.

Readable without colour: each series has its own fill pattern (solid, hatched, dotted), named
in the legend, and every bar carries its value as text. The same figures are in the table
under each chart.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format

PATTERNS = ("solid", "hatch", "dots")
WIDTH = 340  # drawing units; rendered at about the same number of CSS px on a phone
FONT = 14  # 14 units at 340 -> ~13.5 px in a 330 px column
BAR = 18  # height of one series' bar (room for its value)
GAP = 10  # between categories
LEGEND_LINE = 22
VALUE_W = 52  # room right of the longest bar for its value ("1.234,5")
CHAR_W = FONT * 0.6  # a generous average width of a character of the sans-serif font
LABEL_MAX = WIDTH * 0.3  # longer category labels go on their own line above the bars


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: object
    label_x: float
    label_y: float
    pattern: str


@dataclass
class Chart:
    key: str
    title: str
    series: list  # [(label, pattern, y)]
    categories: list = field(default_factory=list)  # [(label, x, y)]
    bars: list = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    axis_x: float = 0
    axis_top: float = 0
    axis: bool = True  # no axis line when the labels stand above the bars (it would cross them)
    font: int = FONT
    unit: str = ""

    @property
    def description(self):
        names = ", ".join(str(label) for label, _p, _y in self.series)
        return f"{self.title}: {names}"


def bar_chart(key, title, categories, series, *, maximum=None, unit=""):
    """``categories``: labels; ``series``: [(label, [value per category])]. None is no bar,
    written "–" as the tables write it."""
    values = [v for _label, vs in series for v in vs if v is not None]
    top = float(maximum or max([*values, 1]))
    legend = [
        (label, PATTERNS[i % len(PATTERNS)], round(LEGEND_LINE * i + FONT, 1))
        for i, (label, _vs) in enumerate(series)
    ]
    longest = max([len(str(c)) for c in categories] or [0])
    label_w = longest * CHAR_W + 8
    above = label_w > LABEL_MAX  # labels on their own line, bars across the whole width
    left = 0 if above else label_w
    plot_w = WIDTH - left - VALUE_W
    group_h = BAR * len(series) + (FONT + 4 if above else 0)
    y = LEGEND_LINE * len(series) + 6
    chart = Chart(
        key=key, title=title, series=legend, unit=unit, axis_x=left, axis_top=y, axis=not above
    )
    for c, category in enumerate(categories):
        bars_y = y + (FONT + 4 if above else 0)
        label_y = y + FONT - 2 if above else bars_y + BAR * len(series) / 2 + FONT * 0.35
        chart.categories.append((category, 0, round(label_y, 1)))
        for s, (_label, vs) in enumerate(series):
            value = vs[c]
            w = 0 if value is None else plot_w * min(float(value), top) / top
            bar_y = bars_y + s * BAR
            chart.bars.append(
                Bar(
                    x=round(left, 1),
                    y=round(bar_y + 1, 1),
                    width=round(w, 1),
                    height=BAR - 2,
                    value="–" if value is None else display(value),  # nothing measured
                    label_x=round(left + w + 4, 1),
                    label_y=round(bar_y + BAR / 2 + FONT * 0.35, 1),
                    pattern=PATTERNS[s % len(PATTERNS)],
                )
            )
        y += group_h + GAP
    chart.height = round(y, 1)
    return chart


def display(value):
    """The value as the page's tables write it (Indonesian decimals: 87,50)."""
    if isinstance(value, int):
        return str(value)
    return number_format(value)


def column(table, index):
    return [row[index] for row in table.rows]
