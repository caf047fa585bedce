"""The exception hierarchy: one base class, one subclass per way an input can be bad."""


class NewsfuseError(Exception):
    """Base of every error newsfuse raises on purpose."""


class InputError(NewsfuseError):
    """An input item cannot be read; the batch goes on without it."""


class TooLarge(InputError):
    pass


class BinaryInput(InputError):
    pass


class EmptyInput(InputError):
    pass


class UndecodableInput(InputError):
    pass


class MalformedInput(InputError):
    pass


class FetchError(InputError):
    """A URL could not be fetched (unreachable, refused, too large, bad status)."""


class BlockedAddress(FetchError):
    """A URL points inside a private network and --allow-private was not given."""


class NotFound(NewsfuseError):
    """A stored story or article asked for by id is not in the store."""


class UsageError(NewsfuseError):
    """The command line itself is wrong (exit code 2)."""
