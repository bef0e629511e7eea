"""What each role may do with AKAD applications (see portal.roles and the move table, workflows.py)."""

ROLE_PERMISSIONS = {
    "Sekretariat": ["view_permitapplication", "register_permit", "return_permit"],
    "Kepala Dinas": ["view_permitapplication", "dispose_permit", "sign_permit", "refuse_permit"],
    "Kepala Bidang": ["view_permitapplication", "consult_permit"],
    "Kepala Seksi Penempatan": ["view_permitapplication", "draft_permit"],
    # read only, in every office of the province (portal.offices)
    "Pembaca Provinsi": ["view_permitapplication"],
}
