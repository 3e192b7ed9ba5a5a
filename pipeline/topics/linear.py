"""A trained linear classifier as data: a weight per feature name, an intercept and a
decision threshold, read from JSON.

Training (``pipeline.topics.train``) fits a scikit-learn pipeline (DictVectorizer,
StandardScaler, LogisticRegression) and Platt-calibrates its scores on held-out folds;
the scaler and the calibration are linear, so they fold into the weights, and the
shipped model is this: p = sigmoid(intercept + sum(weight[f] * x[f])). No pickle is
loaded at run time, and the file says what the model looks at.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class LinearModel:
    weights: dict[str, float]
    intercept: float
    threshold: float = 0.5

    @classmethod
    def from_dict(cls, data: dict) -> "LinearModel":
        return cls(dict(data["weights"]), float(data["intercept"]), float(data.get("threshold", 0.5)))

    def to_dict(self) -> dict:
        ordered = dict(sorted(self.weights.items(), key=lambda kv: (-abs(kv[1]), kv[0])))
        return {"intercept": round(self.intercept, 6), "threshold": round(self.threshold, 4),
                "weights": {k: round(v, 6) for k, v in ordered.items()}}

    def probability(self, features: dict[str, float]) -> float:
        score = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(score, 50.0), -50.0)))

    def decide(self, features: dict[str, float]) -> tuple[bool, float]:
        p = self.probability(features)
        return p >= self.threshold, p
