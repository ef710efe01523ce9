"""Write wavegan.pd, wavegan-pad.pd and wavegan.maxpat from one table of controls.

    python max_patches/make_patches.py        # rewrite the three patch files next to this script

The table is ``patch_controls.py``; ``patch_pd.py`` and ``patch_max.py`` lay the patches out.
Hand edits to the patch files are fine; re-run this script only if you change the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))   # the patch modules beside it, also when loaded by path

from patch_max import max_main  # noqa: E402
from patch_pd import pd_main, pd_pad_abstraction  # noqa: E402

__all__ = ["main", "max_main", "pd_main", "pd_pad_abstraction"]


def main() -> None:
    (HERE / "wavegan.pd").write_text(pd_main())
    (HERE / "wavegan-pad.pd").write_text(pd_pad_abstraction())
    (HERE / "wavegan.maxpat").write_text(max_main())


if __name__ == "__main__":
    main()
