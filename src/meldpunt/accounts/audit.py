"""Security events of staff accounts as structured log lines: the event and a user id, nothing else.

No username, address or code ever goes in: a log line must not tell who tried to sign in from where.
Unknown usernames are logged without an id. The hash-chained audit log of case data is separate.
"""

import logging

logger = logging.getLogger("meldpunt.accounts.audit")


def log_event(event: str, *, user_id: int | None, actor_id: int | None = None, warning: bool = False) -> None:
    """`actor_id` is the administrator who acted on `user_id`'s account, when that is someone else."""
    extra: dict[str, object] = {"event": event, "user_id": user_id}
    if actor_id is not None:
        extra["actor_id"] = actor_id
    logger.log(logging.WARNING if warning else logging.INFO, "accounts event %s", event, extra=extra)
