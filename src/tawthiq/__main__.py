"""``python -m tawthiq``: the ``tawthiq`` command, for when the script is not on PATH."""

from tawthiq.cli import main

if __name__ == "__main__":
    main()
