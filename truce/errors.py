"""truce's exceptions: a small hierarchy whose messages tell the user what to do next."""


class TruceError(Exception):
    """Base class: anything truce reports to a user as a clear message rather than a traceback."""


class InputError(TruceError):
    """One input document cannot be analysed (empty, binary, too large, bad field)."""


class ConfigError(TruceError):
    """A setting or command-line option is invalid."""


class ResourceMissing(TruceError):
    """A model or data file truce needs is not installed."""
