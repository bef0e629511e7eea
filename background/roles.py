"""Who sees the outgoing mail of a service and may resend it (see portal.roles)."""

ROLE_PERMISSIONS = {
    "Petugas Antar Kerja": ["view_outboxmail", "resend_jobboard_mail"],
    "Sekretariat": ["view_outboxmail", "resend_akad_permits_mail"],
    "Petugas Pengaduan": ["view_outboxmail", "resend_complaints_mail"],
}
