"""A permit's printed verification link keeps answering at the address printed on it (issue 15):
the code names its permit, and the permit its office, so it is not sent to the first office."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_printed_permit_code_still_verifies_at_its_old_address(client, in_state, office):
    permit = in_state("issued")
    answer = client.get(f"/akad/verifikasi/{permit.verification_code}/")
    assert answer.status_code == 200
    assert answer.wsgi_request.office is None
    assert "genuine" in answer.content.decode() or "asli" in answer.content.decode()
