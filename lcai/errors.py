"""The one kind of error the kit reports to a person: a message that says what is wrong and what to do."""


class KitError(Exception):
    """Bad input or a failed step; ``str(error)`` is a one-line message for the user."""
