"""Named errors. Library code raises these; the CLI and the app turn them into one-line messages."""


class PolicyQAError(Exception):
    """Base class: anything a user can be told about in one line."""


class IngestError(PolicyQAError):
    """A file could not be read into text. The message names the file and the reason."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class UnsupportedFormat(IngestError):
    """The file's type is not one we read (.doc, .wps, images …)."""


class LimitExceeded(IngestError):
    """A file exceeds a resource limit while it is read (unpacked size, pages, parse time, text length)."""


class IndexMismatch(PolicyQAError):
    """An index was built with another model, dimension or format version."""


class IndexNotFound(PolicyQAError):
    """No index at the given folder."""


class IndexDamaged(PolicyQAError):
    """A file of the index is missing, truncated or corrupted. The message names the file and the fix."""


class IndexLocked(PolicyQAError):
    """Another process is writing to the same index folder."""


class IndexWriteFailed(PolicyQAError, OSError):
    """Writing a new generation failed (disk full …); the partial generation was removed, the index is unchanged."""


class MissingDependency(PolicyQAError, ImportError):
    """An optional backend's package is not installed; the message names the extra."""


class CorrectionError(PolicyQAError):
    """A metadata correction names no indexed document, a field that cannot be corrected or a value that is not
    one (an unknown place); or the index's corrections file cannot be read."""
