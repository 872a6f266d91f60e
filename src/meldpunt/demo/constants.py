"""The demo sign-ins of CONTRACT.md. Demo data only: production refuses to start with demo data on."""

from meldpunt.accounts.constants import Role

DEMO_PASSWORD = "meldpunt-demo"  # noqa: S105 (published in CONTRACT.md and the README on purpose)
DEMO_TOTP_SECRET = "MELDPUNTDEMOTOTP"  # noqa: S105
DEMO_SCHOOL_CODE = "32JK00"

DEMO_STAFF: list[tuple[str, Role, str, str]] = [
    ("coordinator", Role.COORDINATOR, "Carla", "de Coördinator"),
    ("handler", Role.HANDLER, "Hamid", "Behandelaar"),
    ("handler2", Role.HANDLER, "Hanna", "Tweede"),
    ("admin", Role.ADMINISTRATOR, "Anton", "Beheerder"),
    ("analyst", Role.ANALYST, "Aisha", "Analist"),
    ("school", Role.SCHOOL_CONTACT, "Sander", "Schoolcontact"),
    ("partner", Role.PARTNER, "Petra", "Partner"),
]

# One demo report has this access code, so the reporter portal can be tried (`make run` prints it).
DEMO_ACCESS_CODE = "DEMA-CASE-KEYS-2026"  # Crockford base32 letters only, like a real code

# The demo partner acts for this organisation of data/network.csv; it accepts referrals in the demo.
DEMO_PARTNER_ORGANISATION = "Ouders & Onderwijs"

# The demo accounts the demo's case work is done by: the coordinator assigns, the handler works the cases.
DEMO_COORDINATOR = "coordinator"
DEMO_HANDLER = "handler"
DEMO_SCHOOL_CONTACT = "school"
DEMO_PARTNER = "partner"
