"""What each role may do in the job exchange (see portal.roles)."""

ROLE_PERMISSIONS = {
    "Petugas Antar Kerja": [
        "activate_jobseeker",
        "view_jobseeker_documents",
        "view_jobseeker",
        "activate_employer",
        "view_employer",
        "verify_vacancy",
        "view_vacancy",
        "view_application",
        "view_placement",
        "view_ak1card",
        "download_ak1_card",
        "legalise_ak1_card",
        "view_profilechange",
        "review_profile_change",
    ],
    "Kepala Seksi Penempatan": [
        "view_jobseeker",
        "view_employer",
        "view_vacancy",
        "view_placement",
        "view_ak1card",
    ],
    "Kepala Bidang": ["view_jobseeker", "view_employer", "view_vacancy", "view_placement"],
    "Kepala Dinas": ["view_jobseeker", "view_employer", "view_vacancy", "view_placement"],
    # read only, in every office of the province (portal.offices)
    "Pembaca Provinsi": [
        "view_jobseeker",
        "view_employer",
        "view_vacancy",
        "view_application",
        "view_placement",
        "view_ak1card",
        "view_profilechange",
    ],
}
