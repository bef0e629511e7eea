"""Bar charts drawn on the server as SVG: geometry here, markup in quality/_chart.html.

Readable without colour: each series has its own fill pattern (solid, hatched, dotted), named
in the legend, and every bar carries its value as text. The same figures are in the table
under each chart.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format

PATTERNS = ("solid", "hatch", "dots")
WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 12, 12, 24, 56


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
    series: list  # [(label, pattern)]
    categories: list = field(default_factory=list)  # [(label, x)]
    bars: list = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    unit: str = ""

    @property
    def description(self):
        names = ", ".join(str(label) for label, _p in self.series)
        return f"{self.title}: {names}"


def bar_chart(key, title, categories, series, *, maximum=None, unit=""):
    """``categories``: labels; ``series``: [(label, [value per category])]. None is no bar."""
    values = [v for _label, vs in series for v in vs if v is not None]
    top = maximum or max([*values, 1])
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    group = plot_w / max(len(categories), 1)
    bar_w = group * 0.8 / max(len(series), 1)
    chart = Chart(
        key=key,
        title=title,
        series=[(label, PATTERNS[i % len(PATTERNS)]) for i, (label, _vs) in enumerate(series)],
        unit=unit,
    )
    for c, category in enumerate(categories):
        x0 = LEFT + c * group + group * 0.1
        chart.categories.append((category, round(x0 + group * 0.4, 1)))
        for s, (_label, vs) in enumerate(series):
            value = vs[c]
            if value is None:
                continue
            h = plot_h * min(float(value), top) / top
            x = x0 + s * bar_w
            chart.bars.append(
                Bar(
                    x=round(x, 1),
                    y=round(TOP + plot_h - h, 1),
                    width=round(bar_w - 1, 1),
                    height=round(h, 1),
                    value=display(value),
                    label_x=round(x + bar_w / 2, 1),
                    label_y=round(TOP + plot_h - h - 4, 1),
                    pattern=PATTERNS[s % len(PATTERNS)],
                )
            )
    return chart


def display(value):
    """The value as the page's tables write it (Indonesian decimals: 87,50)."""
    if isinstance(value, int):
        return str(value)
    return number_format(value)


def column(table, index):
    return [row[index] for row in table.rows]
