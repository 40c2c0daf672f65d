"""``python -m nsm_excel``: the ``nsm`` command, where the ``nsm`` script is not on the PATH."""

from nsm_excel.cli import main

if __name__ == "__main__":
    main()
