"""Role × page for the foundation's pages: who gets what."""

import pytest
from django.urls import reverse

from participation.models import Role

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN = 200, "login", 403

ROLES = [None, *Role.values]

# page -> expected outcome for each role (anything not listed gets the default).
MATRIX = {
    "home": {"default": OK},
    "privacy": {"default": OK},
    "under_13": {"default": OK},
    "notifications": {None: LOGIN, "default": OK},
    "my_data": {None: LOGIN, "default": OK},
    "my_data_download": {None: LOGIN, "default": OK},
    "staff_home": {
        None: LOGIN,
        "default": FORBIDDEN,
        Role.WORKER: OK,
        Role.PROFESSIONAL: OK,
        Role.OFFICER: OK,
        Role.ADMINISTRATOR: OK,
    },
    "young_person_create": {
        None: LOGIN,
        "default": FORBIDDEN,
        Role.WORKER: OK,
        Role.ADMINISTRATOR: OK,
    },
}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
@pytest.mark.parametrize("page", list(MATRIX))
def test_role_page_matrix(client, login, make_user, role, page):
    expected = MATRIX[page].get(role, MATRIX[page]["default"])
    if role is not None:
        login(make_user(role))
    response = client.get(reverse(page))
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
