"""What each role may do with AKAD applications (see portal.roles and the move table, workflows.py)."""

ROLE_PERMISSIONS = {
    "Sekretariat": [
        "view_permitapplication",
        "view_permit_documents",
        "register_permit",
        "return_permit",
    ],
    "Kepala Dinas": [
        "view_permitapplication",
        "view_permit_documents",
        "dispose_permit",
        "sign_permit",
        "refuse_permit",
        # the destination office's side of AKAD (issue 15 item 6): its head signs the
        # recruitment recommendation, as the seed has the Kadis sign the office's AKAD letters
        "view_recommendation",
        "issue_recommendation",
        "refuse_recommendation",
    ],
    "Kepala Bidang": ["view_permitapplication", "view_permit_documents", "consult_permit"],
    "Kepala Seksi Penempatan": [
        "view_permitapplication",
        "view_permit_documents",
        "draft_permit",
        "view_recommendation",  # prepares the recommendation the Kadis signs
    ],
    # read only, in every office of the province (portal.offices); not the uploads
    "Pembaca Provinsi": ["view_permitapplication", "view_recommendation"],
}
