"""docs/schema.md describes every field of the contract's models."""

from __future__ import annotations

import inspect

from pydantic import BaseModel

from newsfuse import model
from tests.conftest import ROOT


def test_every_model_field_is_documented() -> None:
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    missing = []
    for name, cls in inspect.getmembers(model, inspect.isclass):
        if (
            issubclass(cls, BaseModel)
            and cls.__module__ == model.__name__
            and not name.startswith("_")
        ):
            missing += [f"{name}.{f}" for f in cls.model_fields if f"`{f}`" not in doc]
    assert not missing, f"undocumented fields: {missing}"
