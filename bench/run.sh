#!/bin/sh
# One command for the side-by-side COPY benchmark; see bench/README.md.
exec python3 "$(dirname "$0")/run.py" "$@"
