"""`python -m zxcli`: the same as the `zx` command (for when its script is not on PATH)."""

from zxcli.cli import main

if __name__ == "__main__":
    main()
