"""Reading the portal's PDFs in tests as a person would: their text (pdftotext), their fonts
(pdffonts), their images (pdfimages), and page 1 as a PNG (pdftoppm) kept in
``var/doc-previews/`` for a person to look at."""

import re
import subprocess
from pathlib import Path

from django.conf import settings

PREVIEWS = Path(settings.BASE_DIR) / "var" / "doc-previews"


def _run(args, data):
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode()


def pdf_text(data, *, layout=True):
    """The PDF's words with single spaces (``layout``: in the page's columns)."""
    raw = _run(["pdftotext", *(["-layout"] if layout else []), "-", "-"], data)
    return " ".join(raw.split())


def pdf_fonts(data, tmp_path):
    """The base names of the fonts the PDF embeds ("DejaVuSans-Bold")."""
    path = Path(tmp_path) / "fonts.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout
    names = set()
    for line in out.decode().splitlines()[2:]:
        name = line.split()[0]
        names.add(re.sub(r"^[A-Z]{6}\+", "", name))  # the subset's prefix
    return names


def typefaces(data, tmp_path):
    """The font families of the PDF's text ("DejaVu-Sans"), its bold and italic folded in;
    a monospaced face (verification codes, numbers) aside."""
    return {
        re.sub(r"-(Bold|Oblique|BoldOblique|Italic|BoldItalic)$", "", name)
        for name in pdf_fonts(data, tmp_path)
        if "Mono" not in name
    }


def pdf_pages(data, tmp_path):
    path = Path(tmp_path) / "pages.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out.decode(), re.MULTILINE).group(1))


def pdf_image_count(data, tmp_path):
    path = Path(tmp_path) / "images.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True)
    return len(out.stdout.decode().splitlines()[2:])


def page_one_png(data, name):
    """Page 1 at 60 dpi as ``var/doc-previews/<name>.png``; its path."""
    PREVIEWS.mkdir(parents=True, exist_ok=True)
    stem = PREVIEWS / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-", str(stem)],
        input=data,
        check=True,
    )
    png = stem.with_suffix(".png")
    assert png.stat().st_size > 1000
    return png


def logo_png():
    """A coat of arms an office could upload: a real PNG with something drawn on it."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (120, 144), "white")
    draw = ImageDraw.Draw(image)
    draw.polygon([(60, 4), (114, 20), (114, 80), (60, 140), (6, 80), (6, 20)], fill=(20, 90, 40))
    draw.ellipse((40, 40, 80, 80), fill=(240, 200, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# A date written the other ways the portal used to write them (02-12-2026, 2026-12-02).
OTHER_DATE_FORMS = re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b|\b\d{4}-\d{2}-\d{2}\b")
