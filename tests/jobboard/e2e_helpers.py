"""Small helpers for the job exchange's browser journeys."""

import re

from tests.conftest import PDF_BYTES, PNG_BYTES


def field(page, label):
    """The form control labelled ``label`` (crispy adds '*' to required labels)."""
    return page.get_by_label(re.compile(r"^\s*" + re.escape(label) + r"\s*\*?\s*$", re.I))


def scans(tmp_path):
    """A PDF and a PNG a person would pick from the phone."""
    pdf = tmp_path / "ktp-siti.pdf"
    pdf.write_bytes(PDF_BYTES)
    png = tmp_path / "ak1-siti.png"
    png.write_bytes(PNG_BYTES)
    return pdf, png


def admin_login(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit], button[type=submit]").last.click()


def run_admin_action(page, row_text, action_label):
    """Tick the row showing ``row_text`` in the change list and run the action."""
    row = page.locator("#result_list tbody tr", has_text=row_text)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label=action_label)
    page.locator("button[name=index]").first.click()


def logout(page):
    page.context.clear_cookies()
