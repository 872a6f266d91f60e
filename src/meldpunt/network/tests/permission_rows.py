"""Permission-matrix rows of the network directory (see accounts/tests/matrix.py).

The directory is public; maintaining it is for administrators only.
"""

from typing import Any

from meldpunt.accounts.tests.matrix import Row, World
from meldpunt.network.models import Organisation

ADMINISTRATORS = frozenset({"administrator"})


def _organisation(world: World, user: Any) -> dict[str, Any]:
    organisation, _ = Organisation.objects.get_or_create(
        slug="matrix-organisatie", defaults={"name": "Matrix-organisatie", "description_nl": "Voor de matrix."}
    )
    return {"slug": organisation.slug}


PUBLIC = {"network:directory", "network:detail"}

BACK_OFFICE = {
    "network_admin:list": Row("get", ADMINISTRATORS),
    "network_admin:create": Row("get", ADMINISTRATORS),
    "network_admin:edit": Row("get", ADMINISTRATORS, kwargs=_organisation),
}
