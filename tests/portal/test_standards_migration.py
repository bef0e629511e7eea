"""The standards of the one-office portal, and their history, become the first office's."""

import pytest

from portal.demo import STANDARDS
from tests.migrating import latest, migrate, old_office

BEFORE = [("portal", "0008_offices")]
AFTER = [("portal", "0010_service_standard_office_required")]


@pytest.mark.django_db(transaction=True)
def test_every_standard_and_its_history_goes_to_the_first_office():
    try:
        old = migrate(BEFORE)
        Office = old.get_model("portal", "Office")
        first = old_office(Office)
        old_office(Office, slug="kab-lumajang", region_code="3508")
        ServiceStandard = old.get_model("portal", "ServiceStandard")
        History = old.get_model("portal", "HistoricalServiceStandard")
        ids = []
        for values in STANDARDS:
            standard = ServiceStandard.objects.create(**values)
            ids.append(standard.pk)
            History.objects.create(
                id=standard.pk,
                history_date="2026-01-01T00:00:00Z",
                history_type="+",
                **values,
            )
        new = migrate(AFTER)
        ServiceStandard = new.get_model("portal", "ServiceStandard")
        History = new.get_model("portal", "HistoricalServiceStandard")
        rows = ServiceStandard.objects.order_by("pk")
        assert [s.pk for s in rows] == ids
        assert {s.office_id for s in rows} == {first.pk}
        assert {s.copied_from for s in rows} == {""}  # the office's own, as it was
        assert [s.requirements for s in rows] == [v["requirements"] for v in STANDARDS]
        assert History.objects.count() == len(STANDARDS)
        assert set(History.objects.values_list("office_id", flat=True)) == {first.pk}
    finally:
        migrate(latest())
