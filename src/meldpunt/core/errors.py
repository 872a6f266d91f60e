"""The one family of domain errors. Services raise them; forms and the API turn them into messages."""


class MeldpuntError(Exception):
    """A rule of the domain refused what was asked. `message` is safe to show to the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(MeldpuntError):
    """The user may not do this."""


class NotFound(MeldpuntError):
    """The thing does not exist, or the user may not know that it exists."""
