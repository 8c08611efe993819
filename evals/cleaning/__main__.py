from __future__ import annotations

from evals.cleaning.score import main

raise SystemExit(main())
