"""What each role may do in the quality app: the heads read the service-quality dashboard."""

from portal import roles

ROLE_PERMISSIONS = {
    roles.SECTION_HEAD: ["view_dashboard"],
    roles.DIVISION_HEAD: ["view_dashboard"],
    roles.HEAD_OF_OFFICE: ["view_dashboard"],
    # read only, in every office of the province (portal.offices)
    "Pembaca Provinsi": ["view_dashboard"],
}
