"""What each role may do in the job exchange (see portal.roles)."""

ROLE_PERMISSIONS = {
    "Petugas Antar Kerja": [
        "activate_jobseeker",
        "view_jobseeker_documents",
        "view_jobseeker",
        "activate_employer",
        "view_employer",
    ],
    "Kepala Seksi Penempatan": ["view_jobseeker", "view_employer"],
    "Kepala Bidang": ["view_jobseeker", "view_employer"],
    "Kepala Dinas": ["view_jobseeker", "view_employer"],
}
