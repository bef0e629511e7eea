"""What each role may do with complaints (see portal.roles and services.TRANSITIONS)."""

ROLE_PERMISSIONS = {
    "Petugas Pengaduan": [
        "view_complaint",
        "view_complaint_files",
        "add_complaint",
        "change_complaint",
        "record_complaint",
        "report_complaint",
        "answer_complaint",
        "close_complaint",
        "view_unreadablemail",
        "handle_unreadable_mail",
    ],
    "Kepala Seksi Penempatan": [
        "view_complaint",
        "view_complaint_files",
        "pass_complaint",
        "hand_back_complaint",
    ],
    "Kepala Bidang": ["view_complaint", "view_complaint_files", "coordinate_complaint"],
    "Kepala Dinas": ["view_complaint", "view_complaint_files"],
    # read only, in every office of the province (portal.offices); not the complainants' files
    "Pembaca Provinsi": ["view_complaint"],
}
