# SPDX-License-Identifier: GPL-2.0-only
"""Student's t quantile without SciPy, for scripts/coverage and the benchmark
checker (the engine's own is common/tdist.c)."""
import functools
import math


@functools.lru_cache(maxsize=None)
def t_quantile(p, df):
    """Student's t quantile, by bisection on the CDF (Simpson's rule on the density)."""
    density = lambda x: (1 + x * x / df) ** (-(df + 1) / 2)
    def area(b, n=2000):
        h = b / n
        return h / 3 * sum((1 if i in (0, n) else 4 if i % 2 else 2) * density(i * h)
                           for i in range(n + 1))
    half = math.sqrt(df) * math.exp(math.lgamma(0.5) + math.lgamma(df / 2) -
                                    math.lgamma((df + 1) / 2)) / 2
    lo, hi = 0.0, 60.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if area(mid) / half < 2 * p - 1 else (lo, mid)
    return (lo + hi) / 2
