"""The bounds of what the reader reads (docs/scenario-format.md, "Checks"): past each, it stops or refuses
the value, and says which bound it met."""

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
# Aliases may repeat values, but the walked document may hold at most this many
# nodes beyond four per byte of the file: a billion-laughs file stops here.
ALIAS_NODE_ALLOWANCE = 100_000
MAX_KEY_CHARS = 1024
MAX_SCALAR_CHARS = 1024 * 1024
