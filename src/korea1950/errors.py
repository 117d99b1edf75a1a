"""The one exception type that reaches the user as a one-line message.

Why a single type: the command line turns exactly this into exit code 2 and a
line on stderr, so every loader and validator raises it with a message that
already names the file, the key, the value and what was expected.
"""


class InputError(ValueError):
    """Bad user input (scenario, reading, command-line value): shown as one line, exit 2."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
