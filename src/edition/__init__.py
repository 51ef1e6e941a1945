"""Shared code of the digital edition of Mansourov, "Russian–North Korean Relations ..."."""


def __getattr__(name: str):
    """__version__: the edition's version, set once in _config.yml (edition: version), read when asked for."""
    if name == "__version__":
        from .identity import load

        return load().version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
