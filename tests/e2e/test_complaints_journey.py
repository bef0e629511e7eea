"""A counter complaint from the officer's desk to the complainant reading the written answer."""

import re

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import check_accessibility, login, open_menu

pytestmark = pytest.mark.e2e


def _as(page, base_url, username):
    page.context.clear_cookies()
    login(page, base_url, username, DEMO_PASSWORD)
    page.goto(f"{base_url}/admin/complaints/complaint/")


def _open_from_queue(page, queue_action, book_label):
    queue = page.locator(f"#queue-{queue_action}")
    expect(queue).to_contain_text(book_label)
    queue.get_by_role("link", name=book_label).click()


def test_counter_complaint_followed_up_and_answered(page, demo_site):
    base = demo_site.url

    # The Petugas Pengaduan writes the counter complaint in the book and reports it to the Kasi.
    _as(page, base, "pengaduan")
    page.get_by_role("link", name="Catat pengaduan").click()
    page.get_by_label("Loket (datang langsung)").check()
    page.get_by_label(re.compile(r"^\s*Nama\s*(?:\(wajib[^)]*\))?\s*$")).fill("Slamet Riyadi")
    page.get_by_label("Instansi").fill("CV Sumber Rejeki")
    page.get_by_label(re.compile(r"^\s*Alamat\s*(?:\(wajib[^)]*\))?\s*$")).fill(
        "Jl. Dr. Sutomo 7, Kota Probolinggo"
    )
    page.get_by_label(re.compile(r"^\s*Telepon\s*(?:\(wajib[^)]*\))?\s*$")).fill("0813 5555 1212")
    page.get_by_label(re.compile(r"^\s*Pengaduan\s*(?:\(wajib[^)]*\))?\s*$")).fill(
        "Lowongan yang saya lamar lewat BKOL ternyata sudah ditutup."
    )
    page.get_by_role("button", name="Catat dalam buku pengaduan").click()
    message = page.locator(".messagelist").inner_text()
    reference = re.search(r"ADU-\d{4}-[A-Z0-9]{6}", message).group(0)
    book_label = re.search(r"Pengaduan (\d+/\d{4}) dicatat", message).group(1)
    page.get_by_role("button", name="Laporkan kepada Kepala Seksi Penempatan").click()
    expect(page.locator(".messagelist")).to_contain_text("Dilaporkan kepada Kepala Seksi")

    # The Kasi passes it to the Kabid.
    _as(page, base, "kasi")
    _open_from_queue(page, "pass", book_label)
    page.get_by_role("button", name="Sampaikan kepada Kepala Bidang").click()
    expect(page.locator(".messagelist")).to_contain_text("Disampaikan kepada Kepala Bidang")

    # The Kabid coordinates the follow-up with the Kasi, with an instruction.
    _as(page, base, "kabid")
    _open_from_queue(page, "coordinate", book_label)
    page.get_by_label("Arahan kepada Kepala Seksi").fill(
        "Cek status lowongan dan tegur perusahaan."
    )
    page.get_by_role("button", name="Koordinasikan tindak lanjut dengan Kasi").click()
    expect(page.locator(".messagelist")).to_contain_text("dikoordinasikan")

    # The Kasi hands the follow-up to the receiving officer.
    _as(page, base, "kasi")
    _open_from_queue(page, "hand_back", book_label)
    page.get_by_label("Tindak lanjut untuk petugas penerima").fill(
        "Perusahaan sudah menutup lowongan di BKOL; status diperbarui."
    )
    page.get_by_role("button", name="Serahkan tindak lanjut kepada petugas penerima").click()
    expect(page.locator(".messagelist")).to_contain_text("diserahkan")

    # The receiving officer answers in writing; the letter can be printed.
    _as(page, base, "pengaduan")
    _open_from_queue(page, "answer", book_label)
    page.get_by_label("Nomor surat").fill("560/021/425.110/2026")
    page.get_by_label("Jawaban tertulis kepada pengadu").fill(
        "Lowongan tersebut memang sudah ditutup oleh perusahaan dan kini tidak tampil lagi di BKOL."
    )
    page.get_by_role("button", name="Kirim jawaban tertulis").click()
    expect(page.locator(".messagelist")).to_contain_text("Dijawab secara tertulis")
    page.get_by_role("link", name="Surat jawaban (cetak)").click()
    expect(page.get_by_text("560/021/425.110/2026")).to_be_visible()
    expect(page.locator("address.recipient")).to_contain_text("CV Sumber Rejeki")

    # The complainant, with no account, follows the reference on the public page.
    page.context.clear_cookies()
    page.goto(base + "/")
    open_menu(page)
    page.get_by_role("link", name="Pengaduan", exact=True).click()
    expect(page.get_by_role("heading", name="Sampaikan pengaduan")).to_be_visible()
    page.get_by_role("link", name="Sudah mengadu? Cek statusnya.").click()
    page.get_by_label("Nomor referensi pengaduan").fill(reference)
    page.get_by_label("Nomor telepon atau alamat e-mail").fill("081355551212")
    page.get_by_role("button", name="Cek").click()
    expect(page.locator("#complaint-status")).to_have_text("Dijawab secara tertulis")
    expect(page.locator("#complaint-answer")).to_contain_text("sudah ditutup oleh perusahaan")
    expect(page.locator("#complaint-steps li")).to_have_count(6)
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_visitor_complains_online_corrects_a_mistake_and_is_refused_a_wrong_phone(page, demo_site):
    base = demo_site.url
    page.goto(base + "/pengaduan/")
    check_accessibility(page)
    page.get_by_label(re.compile(r"^\s*Nama\s*(?:\*|\(wajib[^)]*\))?\s*$")).fill("Rahmat Hidayat")
    page.get_by_label(re.compile(r"^\s*Alamat\s*(?:\*|\(wajib[^)]*\))?\s*$")).fill(
        "Jl. Cokroaminoto 9"
    )
    page.get_by_label("Alamat e-mail").fill("rahmat@example")
    page.get_by_label(re.compile(r"^\s*Pengaduan\s*(?:\*|\(wajib[^)]*\))?\s*$")).fill(
        "Antrian pembuatan kartu AK/I terlalu lama."
    )
    page.get_by_role("button", name="Kirim pengaduan").click()

    # Refused with messages on the fields and in the summary at the top (focused); what was
    # typed is still there.
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator("#form-errors")).to_contain_text("Bidang ini tidak boleh kosong.")
    expect(
        page.locator(".invalid-feedback", has_text="Bidang ini tidak boleh kosong.").first
    ).to_be_visible()
    expect(page.get_by_label(re.compile(r"^\s*Nama\s*(?:\*|\(wajib[^)]*\))?\s*$"))).to_have_value(
        "Rahmat Hidayat"
    )
    expect(
        page.get_by_label(re.compile(r"^\s*Pengaduan\s*(?:\*|\(wajib[^)]*\))?\s*$"))
    ).to_have_value("Antrian pembuatan kartu AK/I terlalu lama.")
    check_accessibility(page)
    page.get_by_label(re.compile(r"^\s*Telepon\s*(?:\*|\(wajib[^)]*\))?\s*$")).fill(
        "0856 1234 5678"
    )
    page.get_by_label("Alamat e-mail").fill("rahmat@example.com")
    page.get_by_role("button", name="Kirim pengaduan").click()

    expect(page.get_by_role("heading", name="Pengaduan diterima")).to_be_visible()
    reference = page.locator("#reference").inner_text().strip()
    assert re.fullmatch(r"ADU-\d{4}-[A-Z0-9]{6}", reference)
    check_accessibility(page)

    page.get_by_role("link", name="Cek status pengaduan").click()
    page.get_by_label("Nomor referensi pengaduan").fill(reference)
    page.get_by_label("Nomor telepon atau alamat e-mail").fill("0856 0000 0000")
    page.get_by_role("button", name="Cek").click()
    expect(page.get_by_text("Kami tidak menemukan pengaduan")).to_be_visible()
    expect(page.get_by_label("Nomor referensi pengaduan")).to_have_value(reference)

    page.get_by_label("Nomor telepon atau alamat e-mail").fill("rahmat@example.com")
    page.get_by_role("button", name="Cek").click()
    expect(page.locator("#complaint-status")).to_have_text("Dicatat dalam buku pengaduan")
