"""What each role may do in the quality app: the heads read the service-quality dashboard."""

from portal import roles

REPORT = "view_labour_report"  # the monthly labour-market report (jobboard.labour_market)

ROLE_PERMISSIONS = {
    roles.JOB_PLACEMENT_OFFICER: [REPORT],
    roles.SECTION_HEAD: ["view_dashboard", REPORT],
    roles.DIVISION_HEAD: ["view_dashboard", REPORT],
    roles.HEAD_OF_OFFICE: ["view_dashboard", REPORT],
    # read only, in every office of the province (portal.offices)
    "Pembaca Provinsi": ["view_dashboard", REPORT],
}
